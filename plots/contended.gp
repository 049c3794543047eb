load 'common.gp'
set output out.'/contended.'.term
set title "Contended channels: Go's benchmarks, time per operation (lower is better)"
set ylabel 'ns per op (log scale)'
set logscale y
set style data histogram
set style histogram errorbars gap 1.5 lw 1
set xtics rotate by -20 noenhanced
plot for [i=1:5] data.'/contended.dat' using (column(2*i)):(column(2*i+1)):xtic(1) lc rgb C[i] title N[i]

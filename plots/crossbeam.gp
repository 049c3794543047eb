load 'common.gp'
set output out.'/crossbeam.'.term
set title "crossbeam-channel's workloads: wall time (lower is better)"
set ylabel 'seconds (log scale)'
set logscale y
set style data histogram
set style histogram errorbars gap 1.5 lw 1
set xtics rotate by -35 font ',9' noenhanced
set bmargin 7
plot for [i=1:5] data.'/crossbeam.dat' using (column(2*i)):(column(2*i+1)):xtic(1) lc rgb C[i] title N[i]

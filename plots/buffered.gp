load 'common.gp'
set output out.'/buffered.'.term
set title 'Buffered channel, one producer and one consumer (lower is better)'
set xlabel 'channel capacity (log scale)'
set ylabel 'ns per message (log scale)'
set logscale xy
set xtics (1, 16, 1024)
set xrange [0.7:1500]
plot for [i=1:5] data.'/buffered.dat' using 1:(column(2*i)):(column(2*i+1)) with yerrorlines \
     lw 2 pt 7 lc rgb C[i] title N[i]

load 'common.gp'
set output out.'/handshake.'.term
set title 'Handshake latency: unbuffered ping-pong round trip (lower is better)'
set ylabel 'ns per round trip (log scale)'
set logscale y
set style data histogram
set style histogram errorbars gap 1.5 lw 1.2
set key inside top right box opaque
plot data.'/handshake.dat' using 2:3:xtic(1) title 'one worker (GORT\_PROCS=1, GOMAXPROCS=1)' lc rgb '#1b9e77', \
     '' using 4:5 title 'all workers (cross worker)' lc rgb '#7570b3'

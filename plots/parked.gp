load 'common.gp'
set output out.'/parked.'.term
set title 'Memory per parked goroutine (lower is better)'
set ylabel 'resident bytes per goroutine (log scale)'
set logscale y
set xrange [-0.6:4.6]
set key off
set boxwidth 0.7
plot data.'/parked.dat' using 0:2:(0.7):(int($0)+1):xtic(1) with boxes lc variable, \
     '' using 0:($2*1.3):(sprintf('%.0f B (%d)', $2, $3)) with labels font ',10'

# common.gp -- shared look of every figure.  Callers pass term ('png' or
# 'svg'), data (the folder of .dat files) and out (where figures go).
if (term eq 'png') {
    set terminal pngcairo size 1100,620 enhanced font 'DejaVu Sans,11' background rgb 'white'
} else {
    set terminal svg size 1100,620 enhanced font 'DejaVu Sans,11' background rgb 'white'
}
set border 3 lw 1.2
set xtics nomirror
set ytics nomirror
set grid ytics lt 1 lc rgb '#dddddd'
set key outside right top vertical box opaque
set style fill solid 0.85 border rgb '#333333'
set datafile missing 'NaN'
# one colour per implementation, in IMPLS order: pthread ucontext asm uring go
array C[5] = ['#d95f02', '#7570b3', '#1b9e77', '#e7298a', '#4a8fd4']
array N[5] = ['pthread', 'ucontext', 'asm', 'uring', 'Go 1.19']
do for [i=1:5] { set linetype i lc rgb C[i] }

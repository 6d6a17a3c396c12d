#!/bin/bash
# The scaling probe: Elman builds and PyTorch on the first K cores (taskset), K in THREADS.
# usage: benchmarks/scaling/run.sh REPS "CELL:H:MODE ..." "THREADS ..." "JAR ..." [torch]
#   JAR: toolkit jars to compare (e.g. toolkit/target/elman-toolkit-*.jar and an older build);
#   LIB: folder with the toolkit's dependency jars (default cli/target/lib); JAVA (default java);
#   CLASSES: a folder with Scale.class already compiled (otherwise javac compiles it).
# Example: benchmarks/scaling/run.sh 7 "lstm:256:fb gru:256:fwd" "2 16" toolkit/target/elman-toolkit-0.1.0-SNAPSHOT.jar torch
set -e
# OpenBLAS picks its kernels from the CPU, as PyTorch does (see the benchmarks pom)
unset OPENBLAS_CORETYPE
here=$(cd "$(dirname "$0")" && pwd)
reps=$1; loads=$2; threads=$3; jars=$4; peer=$5
JAVA=${JAVA:-java}
if [ "$peer" = torch ] && ! python3 -c 'import torch' 2>/dev/null; then
    echo "run.sh: PyTorch for Python (python3 -c 'import torch') is not available; timing Elman only" >&2
    peer=
fi
LIB=${LIB:-cli/target/lib}
if [ -n "$CLASSES" ]; then
    classes=$CLASSES
else
    classes=$(mktemp -d)
    javac -d "$classes" -cp "${jars%% *}:$LIB/*" "$here/Scale.java"
fi
for load in $loads; do
    IFS=: read -r cell h mode <<< "$load"
    for k in $threads; do
        for jar in $jars; do
            echo -n "$(basename "$jar") "
            taskset -c 0-$((k - 1)) "$JAVA" -Delman.threads="$k" -cp "$jar:$LIB/*:$classes" Scale "$cell" "$h" "$mode" "$reps" 2>/dev/null
        done
        if [ "$peer" = torch ]; then taskset -c 0-$((k - 1)) python3 "$here/scale.py" "$cell" "$h" "$mode" "$reps" "$k"; fi
    done
done
[ -n "$CLASSES" ] || rm -rf "$classes"

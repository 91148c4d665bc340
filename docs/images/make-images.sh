#!/bin/sh
# Regenerates the pictures of README.md and docs/topology.md, each as PNG and SVG, from the runs that docs/topology.md trains.
# Usage: docs/images/make-images.sh RUNS [SPARSEMLNET]
#   RUNS         folder holding set/ (with snapshots/), fixprob/, sample-set/, sample-fixprob/, sample-dense/
#   SPARSEMLNET  the command [default: dotnet run -c Release --project src/SparseMlNet.Cli --]
set -eu
RUNS=$1
CLI=${2:-"dotnet run -c Release --project src/SparseMlNet.Cli --"}
OUT=$(dirname "$0")
S=$RUNS/set/snapshots
for f in svg png; do
  $CLI analyze "$RUNS/set/model.spmlnet" --snapshots "$S" --image-shape 28x28 --bootstrap 100 --format $f -o "$RUNS/set/analysis-$f"
  cp "$RUNS/set/analysis-$f/input-map-evolution.$f" "$OUT/fmnist-set-input-map-evolution.$f"
  cp "$RUNS/set/analysis-$f/input-strength.$f" "$OUT/fmnist-set-input-strength.$f"
  cp "$RUNS/set/analysis-$f/degree-layer1-in.$f" "$OUT/fmnist-set-degree-layer1-in.$f"
  cp "$RUNS/set/analysis-$f/degree-layer2-in.$f" "$OUT/fmnist-set-degree-layer2-in.$f"
  $CLI compare "$S/epoch-000.spmlnet" "$S/epoch-010.spmlnet" "$S/epoch-020.spmlnet" "$S/epoch-030.spmlnet" "$S/epoch-050.spmlnet" \
      "$S/epoch-100.spmlnet" "$S/epoch-150.spmlnet" "$RUNS/fixprob/model.spmlnet" \
      --labels "epoch 0,epoch 10,epoch 20,epoch 30,epoch 50,epoch 100,epoch 150,FixProb" \
      --title "NNSTD between snapshots of one SET run, Fashion-MNIST 784-1000-1000-1000-10" -o "$OUT/fmnist-nnstd-snapshots.$f"
  $CLI plot "$RUNS/set/metrics.csv" "$RUNS/fixprob/metrics.csv" --labels SET,FixProb \
      --title "Fashion-MNIST, 784-1000-1000-1000-10, ε = 20" -o "$OUT/fmnist-curves-set-fixprob.$f"
  $CLI plot "$RUNS/sample-set/metrics.csv" "$RUNS/sample-fixprob/metrics.csv" "$RUNS/sample-dense/metrics.csv" --labels SET,FixProb,dense \
      --title "Embedded Fashion-MNIST sample (800 train / 200 test images), 784-1000-1000-1000-10" -o "$OUT/sample-curves-set-fixprob-dense.$f"
done
# The CSV files compare writes next to the heatmap stay with the runs.
mv "$OUT"/fmnist-nnstd-snapshots.csv "$OUT"/fmnist-nnstd-snapshots-layers.csv "$RUNS/" 2>/dev/null || true

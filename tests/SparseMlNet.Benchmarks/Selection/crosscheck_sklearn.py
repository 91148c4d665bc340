#!/usr/bin/env python3
"""Scores the selections of a selection-benchmark run with scikit-learn, as an evaluator independent of SparseMlNet's.

    dotnet run -c Release --project tests/SparseMlNet.Benchmarks -- --selection-table --data ../shared/data --export-selections selections.tsv
    python3 tests/SparseMlNet.Benchmarks/Selection/crosscheck_sklearn.py selections.tsv --data ../shared/data

Every test part of the export is re-scored with sklearn.ensemble.ExtraTreesClassifier (50 trees, the QuickSelection paper's classifier),
averaged over --forests seeds as SparseMlNet averages its own forests, on exactly the training rows, test rows and k features the benchmark
used; also with an RBF support-vector machine on standardised features (NeuroFS paper's classifier). Prints a markdown table: our accuracy,
scikit-learn's, and the SVM's, each the mean (± population standard deviation) over the test parts.

Needs NumPy and scikit-learn: on Debian 12, `apt-get install python3-sklearn` (1.2.1). Not part of the test suite.
"""
import argparse
import csv
import gzip
import os
import sys

import numpy as np
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC


def load(path):
    """A benchmark CSV: header row, integer label first, then the features."""
    with gzip.open(path, "rt") if path.endswith(".gz") else open(path) as handle:
        table = np.loadtxt(handle, delimiter=",", skiprows=1)
    return table[:, 1:], table[:, 0].astype(int)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export", help="the TSV written by --export-selections")
    parser.add_argument("--data", default=os.path.join("..", "shared", "data"), help="folder of the data sets (default ../shared/data)")
    parser.add_argument("--forests", type=int, default=5, help="ExtraTrees seeds averaged per test part (default 5)")
    args = parser.parse_args()
    if args.forests < 1:
        parser.error("--forests must be at least 1")

    groups = {}
    with open(args.export, newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            groups.setdefault((row["set"], row["file"], row["method"], row["k"]), []).append(row)
    if not groups:
        sys.exit(f"{args.export} holds no test parts; write it with --export-selections.")

    data = {}
    print("| data | k | method | accuracy (SparseMlNet) | accuracy (scikit-learn ExtraTrees) | difference | accuracy (scikit-learn RBF SVM) |")
    print("|---|---|---|---|---|---|---|")
    for (name, file, method, k), rows in groups.items():
        if file not in data:
            data[file] = load(os.path.join(args.data, file))
        x, y = data[file]
        ours, trees, svm = [], [], []
        for row in rows:
            test = np.array([int(v) for v in row["test_rows"].split(",")])
            features = np.array([int(v) for v in row["selected"].split(",")])
            train = np.setdiff1d(np.arange(len(y)), test)
            x_train, x_test = x[np.ix_(train, features)], x[np.ix_(test, features)]
            ours.append(float(row["accuracy"]))
            trees.append(np.mean([
                (ExtraTreesClassifier(n_estimators=50, random_state=seed).fit(x_train, y[train]).predict(x_test) == y[test]).mean()
                for seed in range(args.forests)]))
            svm.append((make_pipeline(StandardScaler(), SVC()).fit(x_train, y[train]).predict(x_test) == y[test]).mean())
        print(f"| {name} | {k} | {method} | {np.mean(ours):.3f} ± {np.std(ours):.3f} | {np.mean(trees):.3f} ± {np.std(trees):.3f} "
              f"| {np.mean(ours) - np.mean(trees):+.3f} | {np.mean(svm):.3f} ± {np.std(svm):.3f} |", flush=True)


if __name__ == "__main__":
    main()

"""Compares two CSV files row for row, each sorted (Spark's partitions come in any order), the
`input` column left out (a partition reads standard input, `-`; the one-process run a file).
Prints the row count, or the first difference and exits 1."""

import csv
import sys


def rows(path):
    with open(path, newline="", encoding="utf-8") as file:
        table = list(csv.reader(file))
    header, body = table[0], table[1:]
    keep = [index for index, name in enumerate(header) if name != "input"]
    return [header[i] for i in keep], sorted([row[i] for i in keep] for row in body)


def main(expected_path, actual_path):
    expected_header, expected = rows(expected_path)
    actual_header, actual = rows(actual_path)
    if expected_header != actual_header:
        sys.exit(f"{actual_path}: the header differs from {expected_path}'s")
    for index, (want, got) in enumerate(zip(expected, actual)):
        if want != got:
            sys.exit(f"{actual_path}: sorted row {index + 1} differs:\n  one process: {want}\n  Spark:       {got}")
    if len(expected) != len(actual):
        sys.exit(f"{actual_path}: {len(actual)} rows, the one-process run has {len(expected)}")
    print(f"{actual_path}: {len(actual)} rows, equal to the one-process run")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

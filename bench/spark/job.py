"""The pathway engine in Apache Spark: samhandling measures each partition of an event log.

The log is read as CSV (RFC 4180: quoted fields, doubled quotes, line breaks in fields),
repartitioned by user so that each user is in one partition, sorted within each partition by
user (and, within a user, by the row's place in the log: samhandling orders each user's events
by time itself, and rows at one instant keep the log's order), and each partition is written,
header first, to the standard input of one `samhandling metrics -` and one `samhandling
handovers -` (mapPartitions with a subprocess, so that the binary is found with SparkFiles on
the executor and its CSV output is parsed as CSV). Every partition is given the same --to, so
that all are censored at the same data end (docs/pathways.md, "Sharding"). The results:

  OUT/metrics.csv    the metrics CSV rows of all partitions under one header (input column "standard input")
  OUT/handovers.csv  the handover counts summed by (source, target), sorted
  OUT/data-end.txt   the --to given to every partition

Run it locally:   python bench/spark/job.py --binary .build/release/samhandling --log LOG.csv --out OUT
On a cluster:     spark-submit --files /path/to/samhandling bench/spark/job.py --binary samhandling ...
(see README, "Apache Spark").
"""

import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
import threading


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--log", required=True, help="the event log (a path Spark reads: local, HDFS, S3 …)")
    parser.add_argument("--out", required=True, help="a local folder for metrics.csv, handovers.csv and data-end.txt")
    parser.add_argument("--binary", default="samhandling",
                        help="the samhandling binary: an absolute path, or the name of a file shipped with --files")
    parser.add_argument("--to", help="the data end for every partition (YYYY-MM-DD or YYYY-MM-DDTHH:MM); "
                                     "default: the date of the log's latest event")
    parser.add_argument("--from", dest="start", help="--from for every partition")
    parser.add_argument("--partitions", type=int, help="how many partitions (default: Spark's default parallelism)")
    parser.add_argument("--sep", default=",", help="the log's delimiter (default ,)")
    parser.add_argument("--master", help="e.g. local[2]; spark-submit sets it otherwise")
    return parser.parse_args()


def binary_path(name):
    """The binary on this executor: an absolute path as it is, else the file shipped with --files."""
    if os.path.isabs(name):
        return name
    from pyspark import SparkFiles
    path = SparkFiles.get(name)
    if not os.access(path, os.X_OK):
        os.chmod(path, 0o755)
    return path


def run_on_partition(rows, columns, command, name):
    """Writes the partition's rows as a CSV log (header first, even when there are none) to the
    binary's standard input and yields its CSV output rows without their header."""
    process = subprocess.Popen([binary_path(name)] + command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=tempfile.TemporaryFile())
    failure = []

    def feed():
        try:
            text = io.TextIOWrapper(process.stdin, encoding="utf-8", newline="")
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow(["" if value is None else value for value in row[:len(columns)]])
            text.close()
        except BaseException as error:  # a broken pipe: the binary stopped; its exit code says why
            failure.append(error)

    feeder = threading.Thread(target=feed)
    feeder.start()
    output = list(csv.reader(io.TextIOWrapper(process.stdout, encoding="utf-8", newline="")))
    feeder.join()
    status = process.wait()
    if status != 0:
        process.stderr.seek(0)
        message = process.stderr.read().decode("utf-8", "replace")[-4000:]
        raise RuntimeError(f"samhandling {' '.join(command)} exited with {status} on a partition:\n{message}")
    if failure:
        raise failure[0]
    # Each partition's output has its own header: tagged, so that the driver writes one.
    for index, row in enumerate(output):
        yield (index == 0, row)


def main():
    arguments = parse_arguments()
    from pyspark.sql import SparkSession, functions

    builder = SparkSession.builder.appName("samhandling pathways")
    if arguments.master:
        builder = builder.master(arguments.master)
    spark = builder.config("spark.ui.enabled", "false").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")

    log = (spark.read.option("header", True).option("multiLine", True).option("escape", '"')
           .option("sep", arguments.sep).option("inferSchema", False).csv(arguments.log))
    columns = log.columns
    names = {column.lower(): column for column in columns}
    for required in ("user", "time", "kind"):
        if required not in names:
            sys.exit(f"{arguments.log}: the header has no '{required}' column (an event log needs user, time and kind)")
    user, time = names["user"], names["time"]

    to = arguments.to
    if to is None:
        latest = log.agg(functions.max(functions.substring(functions.col(time), 1, 10))).first()[0]
        if latest is None:
            sys.exit(f"{arguments.log}: no events")
        to = latest
    period = ["--to", to] + (["--from", arguments.start] if arguments.start else [])

    partitions = arguments.partitions or spark.sparkContext.defaultParallelism
    # The row's place in the log, taken before the shuffle: within a user, rows keep the log's order.
    ordered = log.withColumn("_row", functions.monotonically_increasing_id())
    shards = (ordered.repartition(partitions, functions.col(user))
              .sortWithinPartitions(functions.col(user), functions.col("_row"))
              .drop("_row").rdd)
    shards.cache()

    def measured(command):
        return shards.mapPartitions(lambda rows: run_on_partition(rows, columns, command, arguments.binary))

    os.makedirs(arguments.out, exist_ok=True)
    with open(os.path.join(arguments.out, "metrics.csv"), "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        header = None
        for is_header, row in measured(["metrics", "-", "--format", "csv"] + period).toLocalIterator():
            if is_header:
                if header is None:
                    header = row
                    writer.writerow(row)
                elif row != header:
                    sys.exit("the partitions' metrics headers differ")
            else:
                writer.writerow(row)

    pairs = (measured(["handovers", "-", "--format", "csv"] + period)
             .filter(lambda tagged: not tagged[0])
             .map(lambda tagged: tagged[1])
             .map(lambda row: ((row[0], row[1]), int(row[2])))
             .reduceByKey(lambda a, b: a + b)
             .collect())
    with open(os.path.join(arguments.out, "handovers.csv"), "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["source", "target", "count"])
        for (source, target), count in sorted(pairs):
            writer.writerow([source, target, count])
    with open(os.path.join(arguments.out, "data-end.txt"), "w", encoding="utf-8") as out:
        out.write(to + "\n")
    print(f"{arguments.log}: {partitions} partitions, --to {to}: {len(pairs)} provider pairs → {arguments.out}")
    spark.stop()


if __name__ == "__main__":
    main()

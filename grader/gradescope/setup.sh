#!/usr/bin/env bash
# Gradescope autograder image setup: a JDK 17 (Maven comes through ./mvnw). Warm the Maven cache once so
# grading a submission does not download anything.
set -euo pipefail
apt-get update
apt-get install -y openjdk-17-jdk-headless
cd /autograder/source
./mvnw -q -B -pl grader compile dependency:build-classpath -Dmdep.outputFile=target/grader-cp.txt \
  -DincludeScope=runtime

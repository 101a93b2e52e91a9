#!/usr/bin/env bash
# Gradescope autograder setup, run once when Gradescope builds the image from the zip that
# `./dcchat gradescope-zip` writes (the full kit, with this file and run_autograder at its root).
# Installs a JDK 17 when the image has none (Maven comes through ./mvnw) and bubblewrap (the grader's sandbox),
# creates the unprivileged account student code runs as where the container forbids bubblewrap, and builds the
# grader once so that grading a submission downloads nothing. DCCHAT_AUTOGRADER_ROOT (default /autograder) is
# for testing it.
set -euo pipefail
AG=${DCCHAT_AUTOGRADER_ROOT:-/autograder}
missing=()
command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v bwrap >/dev/null || missing+=(bubblewrap)
if (( ${#missing[@]} )); then
  apt-get update && apt-get install -y "${missing[@]}"
fi
if [[ $(id -u) == 0 ]] && ! id dcchat-student >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin dcchat-student
fi
cd "$AG/source"
chmod +x run_autograder dcchat mvnw   # a zip written by Java keeps no file modes
./mvnw -q -B -pl grader -am compile dependency:build-classpath -Dmdep.outputFile=target/grader-cp.txt \
  -DincludeScope=runtime

#!/usr/bin/env bash
# Packs the four packages into a folder feed (default artifacts/packages):
#   LeNet.Generated      the runtime, models and recipes (lib/net10.0) and the generator (analyzers/dotnet/cs)
#   LeNet.Generated.Imaging picture files (SkiaSharp): ImageFile.Read, model.Predict("digit.png")
#   LeNet.Generated.Tool the lenet commands as a library: LeNetTool.Run(args, typeof(MyNet))
#   LeNet.Generated.Cli  the lenet .NET tool (dotnet tool install LeNet.Generated.Cli --add-source FEED)
# each with its symbols (.snupkg). The version is in packaging/Version.props.
set -euo pipefail
cd "$(dirname "$0")/.."
feed=${1:-artifacts/packages}
for project in src/LeNet.Models src/LeNet.Imaging src/LeNet.Cli src/LeNet.Tool; do
    dotnet pack "$project" -c Release -o "$feed" --nologo -v quiet
done
ls "$feed"

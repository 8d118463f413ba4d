#!/usr/bin/env bash
# Packs the packages into a folder feed (default artifacts/packages):
#   LeNet.Generated          the runtime, models, recipes and pretrained models (lib/net10.0) and the generator (analyzers/dotnet/cs)
#   LeNet.Generated.Imaging  picture files (SkiaSharp): ImageFile.Read, model.Predict("digit.png")
#   LeNet.Generated.Onnx     ONNX export (OnnxExport), with Google.Protobuf and OnnxSharp
#   LeNet.Generated.Tool     the lenet commands as a library: LeNetTool.Run(args, typeof(MyNet))
#   LeNet.Generated.Tool.Web the serve command (ASP.NET Core), added to LeNetTool.Run when referenced
#   LeNet.Generated.Cli      the lenet .NET tool (dotnet tool install LeNet.Generated.Cli --add-source FEED): a pointer
#                            package and one package per platform (LeNet.Generated.Cli.linux-x64, ...)
# each with its symbols (.snupkg). The version is in packaging/Version.props.
set -euo pipefail
cd "$(dirname "$0")/.."
feed=${1:-artifacts/packages}
for project in src/LeNet.Models src/LeNet.Imaging src/LeNet.Onnx src/LeNet.Cli src/LeNet.Cli.Web src/LeNet.Tool; do
    dotnet pack "$project" -c Release -o "$feed" --nologo -v quiet
done
ls "$feed"

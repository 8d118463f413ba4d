#!/usr/bin/env bash
# Packs the packages into a local folder feed, then builds and runs the samples against them (PackageReference,
# not ProjectReference) with a fresh NuGet packages folder, so no build output of the repository and no package
# cached earlier can stand in: a package without its generator fails here. Then installs the lenet tool from
# the feed into a temporary tool path and runs it. MNIST is fetched once into ~/.cache/lenet.
#   samples/SmallNet      trains its own network on 5,000 images, saves, reloads and predicts; exits 1 unless the
#                         test accuracy is above 90% (chance is 10%). It references LeNet.Generated alone, whose
#                         build output must stay within 9 MB (8.2 MB, most of it the shipped networks' generated
#                         kernels and their eight pretrained checkpoints, 2.1 MB; the kernels grew by 0.3 MB when
#                         the block input deltas' edge tiles and the sixteen-unit dense passes were written out, and
#                         by 0.1 MB when the block weight gradients took all of a kernel's taps at once).
#   samples/SmallNetTool  LeNetTool.Run(args, typeof(TinyNet)): info, a short train, eval of its checkpoint
#   samples/WindowsNet    a network with padding, a stride, floor pooling and dropout through LeNetTool: check
#                         (its generated passes against the generic engine), a short train, eval
#   samples/ApiGuide      docs/api.md's code: Model.Create, Train, Evaluate, Save, Load, Predict from a PNG, ExportOnnx,
#                         on 5,000 images; exits 1 unless the test accuracy is above 90%
#   samples/OnnxExport    the pretrained lenet5 exported with LeNet.Generated.Onnx and run by ONNX Runtime on the
#                         MNIST test set's bytes; exits 1 unless above 99%
#   the lenet tool        its pretrained models (models, eval --model lenet5); installed, it must stay within 80 MB
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed=$work/feed
version=$(sed -n 's:.*<LeNetGeneratedVersion>\(.*\)</LeNetGeneratedVersion>.*:\1:p' packaging/Version.props)

bash scripts/pack.sh "$feed"

# Fails with a message when folder $1 takes more than $2 MB.
within() {
    local size
    size=$(du -sm "$1" | cut -f1)
    echo "$1: $size MB (at most $2 MB)"
    if (( size > $2 )); then
        echo "$1 takes $size MB, more than $2 MB" >&2
        return 1
    fi
}

# Everything the samples restore lands in $work/packages; their build output in $work/out.
props=(-c Release --artifacts-path "$work/out" -p:RestorePackagesPath="$work/packages" -p:RestoreAdditionalProjectSources="$feed")

echo "== samples/SmallNet against the LeNet.Generated package"
(cd "$work" && dotnet run --project "$repo/samples/SmallNet" "${props[@]}" -- 5000)
within "$work/out/bin/SmallNet/release" 9

echo "== samples/ApiGuide (docs/api.md) against the LeNet.Generated and LeNet.Generated.Imaging packages"
(cd "$work" && dotnet run --project "$repo/samples/ApiGuide" "${props[@]}" -- 5000)

echo "== samples/SmallNetTool against the LeNet.Generated.Tool package"
tool=(dotnet run --project "$repo/samples/SmallNetTool" "${props[@]}" --)
(cd "$work" && "${tool[@]}" info --model tinynet \
    && "${tool[@]}" train --epochs 1 --limit 5000 --out "$work/runs" \
    && "${tool[@]}" eval "$work/runs/tinynet.ckpt")
du -sh "$work/out/bin/SmallNetTool/release"

echo "== samples/WindowsNet (padding, stride, floor pooling, dropout) against the LeNet.Generated.Tool package"
windows=(dotnet run --project "$repo/samples/WindowsNet" "${props[@]}" --)
(cd "$work" && "${windows[@]}" check \
    && "${windows[@]}" train --epochs 1 --limit 5000 --out "$work/windows" \
    && "${windows[@]}" eval "$work/windows/windowsnet.ckpt")

echo "== samples/OnnxExport against the LeNet.Generated.Onnx package"
(cd "$work" && dotnet run --project "$repo/samples/OnnxExport" "${props[@]}")

echo "== the lenet tool from the feed"
NUGET_PACKAGES=$work/packages dotnet tool install LeNet.Generated.Cli --tool-path "$work/tools" --add-source "$feed" --version "$version"
"$work/tools/lenet" info --all
"$work/tools/lenet" models
"$work/tools/lenet" eval --model lenet5
"$work/tools/lenet" serve --help > /dev/null
within "$work/tools" 80

# Sourced by the checks that read newsview as installed.  tui/, widgets/ and
# themes/ become newsview.tui, .widgets and .themes only through setuptools'
# package-dir mapping, which an editable install does with an import hook that
# neither import-linter nor mypy follows; so they check a copy laid out as an
# installed newsview is.  Sets $repo and $layout (the copy, removed on exit).
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
layout="$(mktemp -d)"
trap 'rm -rf "$layout"' EXIT
cp -r "$repo/newsview" "$layout/newsview"
for sub in tui widgets themes; do
    cp -r "$repo/$sub" "$layout/newsview/$sub"
done

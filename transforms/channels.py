"""Hard-coded input paths -> SageMaker input channels, still reading the same files locally.

On SageMaker, input data exists only where the channels put it: `/opt/ml/input/data/<channel>/`, named by
`SM_CHANNEL_<NAME>` (sagemaker-contract.md §1-2). Every static input path (transforms.paths) is grouped by
folder -- a folder and the files under it form one channel, a folder inside another read folder joins it --
and named after the folder (`train`/`training` -> `train`, `val`/`valid`/`eval`/`dev` -> `validation`, ...).
Each channel becomes `--<name>` with default `os.environ.get("SM_CHANNEL_<NAME>", "<local folder>")`, and
each path's root is rewritten to join onto it, so that locally the same files are read as before. A path the
script also writes is not an input (transforms.paths: scratch). Data sets downloaded at run time are reported:
training jobs may run without internet access.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

import libcst as cst

from sm_migrate.transforms import catalog
from sm_migrate.transforms.arguments import args_reference, existing_dests
from sm_migrate.transforms.edits import ArgumentSpec, EditPlan, parse_expression, quote
from sm_migrate.transforms.paths import PathUseSite, folder_of, is_within, script_paths

NAME = "channels"


@dataclass
class Channel:
    name: str
    folder: str  # local folder ("" for a single file in the working dir)
    source: str  # what the user uploads: the folder, or that single file
    sites: list[PathUseSite] = field(default_factory=list)

    @property
    def env_var(self) -> str:
        return "SM_CHANNEL_" + self.name.upper()

    @property
    def local_default(self) -> str:
        return self.folder or "."


def channel_name(folder_or_file: str) -> str:
    last = posixpath.basename(folder_or_file.rstrip("/")) or "data"
    stem = last.split(".", 1)[0] if "." in last and not last.startswith(".") else last
    slug = re.sub(r"[^a-z0-9_]", "_", stem.lower()).strip("_") or "data"
    return catalog.CHANNEL_NAMES.get(slug, slug)


def plan(plan: EditPlan) -> dict[str, str]:
    paths = script_paths(plan.facts)
    for call in paths.downloads:
        plan.warn(call, "SM103", "downloads its data set at run time: SageMaker jobs may run without internet "
                  "access; upload the data to S3 and read it from a channel (--channel NAME=LOCAL_PATH)")
    for site in paths.scratch:
        if site.role in ("output", "checkpoint"):
            plan.warn(site.call, "SM302", f"{site.path.full!r} is written and read back by the script: it stays in "
                      "the working dir (on SageMaker it is lost when the job ends)")
    channels = _group(plan, paths.reads)
    for channel in channels:
        _rewrite(plan, channel)
    if channels:
        plan.transforms.append(NAME)
    return {channel.name: channel.source for channel in channels}


def _group(plan: EditPlan, reads: list[PathUseSite]) -> list[Channel]:
    forced = {name: posixpath.normpath(path) for name, path in plan.options.channels.items()}
    channels: list[Channel] = []
    folders = {site: folder_of(site.path, site.role) for site in reads}
    for site in reads:  # one root (a DATA_DIR constant) rewritten once: its reads share one channel at the root
        if len({folders[other] for other in reads if other.path.root is site.path.root}) > 1:
            folders[site] = posixpath.normpath(site.path.root_text)
    located = sorted(folders.items(), key=lambda item: len(item[1]))
    for site, folder in located:
        name = next((n for n, path in forced.items() if is_within(site.path.full, path)), None)
        if name is not None:
            folder = forced[name]
        channel = next((c for c in channels if c.folder and folder and is_within(folder, c.folder)), None)
        if channel is None and not folder:  # a file in the working dir: a channel of its own
            channel = next((c for c in channels if not c.folder and c.source == site.path.full), None)
        if channel is None:
            channel = Channel(_unique(name or channel_name(folder or site.path.full), channels), folder,
                              folder or site.path.full)
            channels.append(channel)
        channel.sites.append(site)
    return channels


def _unique(name: str, channels: list[Channel]) -> str:
    taken = {c.name for c in channels}
    candidate, index = name, 2
    while candidate in taken:
        candidate, index = f"{name}_{index}", index + 1
    return candidate


def _rewrite(plan: EditPlan, channel: Channel) -> None:
    os = plan.module("os")
    env_default = f"{os}.environ.get({quote(channel.env_var)}, {quote(channel.local_default)})"
    own_default = any(site.path.is_default for site in channel.sites)
    dest = _dest(plan, channel.name)
    added = False
    for site in channel.sites:
        root = site.path.root
        if root in plan.replacements:
            continue
        if site.path.is_default:  # the script's own --data-dir: SageMaker's channel becomes its default
            plan.replace(root, parse_expression(env_default))
            continue
        reference = None if own_default else args_reference(plan, root, dest)
        base = plan.facts.module.code_for_node(reference) if reference is not None else env_default
        added = added or reference is not None
        plan.replace(root, _rooted(plan, site, channel, base))
    if added:
        plan.add_argument(ArgumentSpec(dest, (f"--{dest}",), "str", env_default,
                                       f"input channel {channel.name!r} (SageMaker: {channel.env_var})", order=1))


def _dest(plan: EditPlan, name: str) -> str:
    taken = existing_dests(plan) | {spec.dest for spec in plan.arguments}
    return name if name not in taken else f"{name}_channel"


def _rooted(plan: EditPlan, site: PathUseSite, channel: Channel, base: str) -> cst.BaseExpression:
    path = site.path
    if path.is_fstring:  # f"data/{split}.csv" -> f"{args.data}/{split}.csv"
        first = path.root.parts[0]
        rest = first.value[len(channel.folder):] if channel.folder else "/" + first.value
        parts = [cst.FormattedStringExpression(parse_expression(base))]
        if rest:
            parts.append(cst.FormattedStringText(rest))
        return path.root.with_changes(parts=[*parts, *path.root.parts[1:]])
    root = posixpath.normpath(path.root_text)
    if channel.folder and root == channel.folder:
        return parse_expression(base)
    relative = posixpath.relpath(root, channel.folder) if channel.folder else root
    return parse_expression(f"{plan.module('os')}.path.join({base}, {quote(relative)})")

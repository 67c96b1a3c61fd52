"""Hard-coded input paths -> SageMaker input channels, still reading the same files locally.

On SageMaker, input data exists only where the channels put it: `/opt/ml/input/data/<channel>/`, named by
`SM_CHANNEL_<NAME>` (docs/sagemaker-contract.md §1-2). Every static input path (transforms/paths.py) is grouped
by folder -- a folder and the files under it form one channel, a folder inside another read folder joins it;
a settings file of the code (`config.json`, `configs/train.yaml`) is not data and stays where the code is --
and named after the folder (`train`/`training` -> `train`, `val`/`valid`/`eval`/`dev` -> `validation`, ...).
Each channel becomes `--<name>` with default `os.environ.get("SM_CHANNEL_<NAME>", "<local folder>")`, and
each path's root is rewritten to join onto it, so that locally the same files are read as before. A path the
script also writes is not an input (scratch). Data sets downloaded at run time are reported: training jobs may
run without internet access.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

import libcst as cst

from sm_migrate.transforms import catalog, diagnostics
from sm_migrate.transforms.commandline.specs import CHANNEL, ArgumentSpec
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.edits import parse_expression
from sm_migrate.transforms.literals import quote
from sm_migrate.transforms.names import identifier, unique_name
from sm_migrate.transforms.paths import PathUseSite, folder_of, is_within
from sm_migrate.transforms.rules.examples import channels as examples


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
    return identifier(catalog.CHANNEL_NAMES.get(slug, slug), "data_")  # also the flag's dest: `args.data_2020`


class ChannelsRule:
    name = "channels"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        paths = ctx.paths
        for call in paths.downloads:
            ctx.report(call, diagnostics.DOWNLOADS_DATA)
        # (a settings file of the code, `config.json`, is read where the code is, on SageMaker too)
        channels = _group(ctx, [site for site in paths.reads if not catalog.is_settings_file(site.path.full)])
        for site in paths.scratch:
            if site.role in ("output", "checkpoint") and not catalog.kept_by_sagemaker(site.path.full):
                # a cache beside the input files (`data/vocab.json` by `data/text.txt`) parts from them there
                beside = next((c for c in channels if c.folder and is_within(site.path.full, c.folder)), None)
                if beside is None:
                    ctx.report(site.call, diagnostics.READ_BACK, path=site.path.full)
                else:
                    ctx.report(site.call, diagnostics.READ_BACK_IN_CHANNEL, path=site.path.full,
                               folder=beside.local_default, channel=beside.name)
        for channel in channels:
            _rewrite(ctx, channel)
            ctx.contract.channel(channel.name, channel.source)
        for name, path in sorted(ctx.options.channels.items()):
            if name not in {channel.name for channel in channels}:  # (a typo, or a path built at run time)
                ctx.report(ctx.facts.module, diagnostics.CHANNEL_MATCHES_NOTHING, name=name, path=path)


def _group(ctx: PlanContext, reads: list[PathUseSite]) -> list[Channel]:
    forced = {name: posixpath.normpath(path) for name, path in ctx.options.channels.items()}
    channels: list[Channel] = []
    folders = {site: folder_of(site.path, site.role) for site in reads}
    for site in reads:  # one root (a DATA_DIR constant) rewritten once: its reads share one channel at the root
        sharing = [other for other in reads if other.path.root is site.path.root]
        # (a root naming the working dir, `ROOT = "."`, is one channel too: the working dir)
        if len({folders[other] for other in sharing}) > 1 or \
                (not folders[site] and len({other.path.full for other in sharing}) > 1):
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
            taken = {c.name for c in channels}
            channel = Channel(unique_name((name or channel_name(folder or site.path.full),), taken), folder,
                              folder or site.path.full)
            channels.append(channel)
        channel.sites.append(site)
    return channels


def _env_default(ctx: PlanContext, channel: Channel, at: cst.CSTNode | None = None) -> str:
    """`os.environ.get("SM_CHANNEL_<NAME>", "<local folder>")`, for use at `at` (None: the argument's default)."""
    return f"{ctx.require_import('os', at=at)}.environ.get({quote(channel.env_var)}, {quote(channel.local_default)})"


def _rewrite(ctx: PlanContext, channel: Channel) -> None:
    env_default = _env_default(ctx, channel)
    own_default = any(site.path.is_default for site in channel.sites)
    dest = unique_name((channel.name, f"{channel.name}_channel"), ctx.args.declared)
    added = False
    for site in channel.sites:
        root = site.path.root
        if ctx.claimed(root):
            continue
        if site.path.is_default:  # the script's own --data-dir: SageMaker's channel becomes its default
            # a default naming a file keeps its file name: `default="data/x.npy"` is read whole by np.load
            ctx.replace(root, _rooted(ctx, site, channel, _env_default(ctx, channel, root)))
            continue
        reference = None if own_default else ctx.args.reference(root, dest)
        base = ctx.facts.module.code_for_node(reference) if reference is not None else _env_default(ctx, channel, root)
        added = added or reference is not None
        ctx.replace(root, _rooted(ctx, site, channel, base))
    if added:
        ctx.args.declare(ArgumentSpec(dest, (f"--{dest}",), "str", env_default,
                                      f"input channel {channel.name!r} (SageMaker: {channel.env_var})", group=CHANNEL))


def _rooted(ctx: PlanContext, site: PathUseSite, channel: Channel, base: str) -> cst.BaseExpression:
    path = site.path
    if path.is_fstring:  # f"data/{split}.csv" -> f"{args.data}/{split}.csv"
        first = path.root.parts[0]
        rest = first.value[len(channel.folder):] if channel.folder else "/" + first.value
        parts = [cst.FormattedStringExpression(parse_expression(base))]
        if rest:
            parts.append(cst.FormattedStringText(rest))
        return path.root.with_changes(parts=[*parts, *path.root.parts[1:]])
    root = posixpath.normpath(path.root_text)
    slash = "/" if path.root_text.endswith("/") else ""  # `"data/" + name`: the text appended needs the "/"
    if channel.folder and root == channel.folder and not slash:
        return parse_expression(base)
    relative = posixpath.relpath(root, channel.folder) if channel.folder else root
    relative = "" if relative == "." else relative + slash
    return parse_expression(f"{ctx.require_import('os', at=path.root)}.path.join({base}, {quote(relative)})")

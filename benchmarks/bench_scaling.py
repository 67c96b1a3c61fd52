"""Scaling benchmark: how one file's rewrite time grows with the shapes that make analyses blow up.

    python benchmarks/bench_scaling.py [--rounds 3]

A whole-repository run is only as fast as its slowest file, and a file whose analysis grows exponentially stops
the run at the per-file timeout. Each shape below is a script generated at a size n and at 2n; the benchmark
times `migrate_source` (in this process, fastest of --rounds) at both, and bare libcst (parse and print the
same file) as the baseline of the same run. It prints the growth t(2n)/t(n), about 2 for an analysis linear in
n and 4 for a quadratic one, and the cost at 2n as a multiple of bare libcst. Exponential walks show in the
second figure even where a depth limit flattens the first: before the walks were memoised, "forwarded path"
at 2n took 300x bare libcst, "nested step" 80x, and "rebound variables" did not finish in minutes; now each
shape is about 2x. Targets: growth <= 3 and <= 10x bare libcst for every shape. A benchmark, not a test: it
prints figures and never fails.

Shapes (each a real pattern at a size real code reaches):
  rebound layers      `net = layer(net)` rebound n times in a model builder (Inception-style graphs)
  forwarded path      a data path handed down n levels of helpers, each calling the next from 3 places
  nested step         a GradientTape step run by n levels of helpers, each calling the next from 3 places
  rebound variables   `variables = variables + model.trainable_variables` rebound n times
  many settings       n module-level settings, each fed to a training call or a path
"""

from __future__ import annotations

import argparse
import time

import libcst

from sm_migrate.transforms.engine import migrate_source

HEADER = "import os\n\nimport numpy as np\nimport tensorflow as tf\n\n"
FIT_AND_SAVE = (
    "model.compile(optimizer='adam', loss='mse')\n"
    "model.fit(features, features, epochs=2, batch_size=8)\n"
    "model.save('model.keras')\n"
)


def rebound_layers(n: int) -> str:
    body = "".join(f"    net = tf.keras.layers.Dense({i % 7 + 1})(net)\n    net = tf.nn.relu(net)\n" for i in range(n))
    return (HEADER + "def build(inputs):\n    net = inputs\n" + body + "    return tf.keras.layers.Dense(1)(net)\n\n\n"
            "inputs = tf.keras.Input((4,))\nmodel = tf.keras.Model(inputs, build(inputs))\n"
            "dataset = tf.data.Dataset.range(10)\n" + "dataset = dataset.map(lambda v: v)\n" * n +
            "features = np.ones((8, 4))\n" + FIT_AND_SAVE)


def forwarded_path(n: int) -> str:
    helpers = "def load0(folder):\n    return np.load(os.path.join(folder, 'x.npy'))\n\n\n"
    for level in range(1, n):
        calls = "".join(f"    part{j} = load{level - 1}(folder)\n" for j in range(3))
        helpers += f"def load{level}(folder):\n{calls}    return part0\n\n\n"
    return (HEADER + helpers + f"features = load{n - 1}('data/train')\n"
            "model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n" + FIT_AND_SAVE)


def nested_step(n: int) -> str:
    helpers = ("def step0(batch):\n    with tf.GradientTape() as tape:\n"
               "        loss = tf.reduce_mean(model(batch))\n"
               "    grads = tape.gradient(loss, model.trainable_variables)\n"
               "    optimizer.apply_gradients(zip(grads, model.trainable_variables))\n\n\n")
    for level in range(1, n):
        helpers += f"def step{level}(batch):\n" + f"    step{level - 1}(batch)\n" * 3 + "\n\n"
    return (HEADER + "model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n"
            "optimizer = tf.keras.optimizers.Adam(0.001)\n\n\n" + helpers +
            f"for epoch in range(3):\n    step{n - 1}(tf.ones((2, 3)))\nmodel.save('model.keras')\n")


def rebound_variables(n: int) -> str:
    return (HEADER + "model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n"
            "optimizer = tf.keras.optimizers.Adam(0.001)\nvariables = model.trainable_variables\n" +
            "variables = variables + model.trainable_variables\n" * n +
            "for epoch in range(3):\n    with tf.GradientTape() as tape:\n"
            "        loss = tf.reduce_mean(model(tf.ones((2, 3))))\n"
            "    optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))\n"
            "model.save('model.keras')\n")


def many_settings(n: int) -> str:
    settings = "".join(f"units_{i} = {i + 1}\nfile_{i} = 'data/part{i}.npy'\n" for i in range(n))
    layers = ", ".join(f"tf.keras.layers.Dense(units_{i})" for i in range(n))
    loads = "".join(f"part_{i} = np.load(file_{i})\n" for i in range(n))
    return (HEADER + settings + loads + f"model = tf.keras.Sequential([{layers}])\n"
            "features = np.ones((8, 4))\n" + FIT_AND_SAVE)


SHAPES = {
    "rebound layers": (rebound_layers, 200),
    "forwarded path": (forwarded_path, 6),
    "nested step": (nested_step, 6),
    "rebound variables": (rebound_variables, 200),
    "many settings": (many_settings, 100),
}


def fastest(run, source: str, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        run(source)
        best = min(best, time.perf_counter() - start)
    return best


def bare_libcst(source: str) -> str:
    return libcst.parse_module(source).code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    print(f"{'shape':<20}{'n':>5}{'t(n) s':>10}{'t(2n) s':>10}{'growth':>8}{'x libcst':>10}")
    for label, (make, n) in SHAPES.items():
        small, large = fastest(migrate_source, make(n), rounds), fastest(migrate_source, make(2 * n), rounds)
        baseline = fastest(bare_libcst, make(2 * n), rounds)
        print(f"{label:<20}{n:>5}{small:>10.3f}{large:>10.3f}{large / small:>8.2f}{large / baseline:>10.1f}")


if __name__ == "__main__":
    main()

"""Entry point of a small trainer package, in the style cloud training services expect: it parses the command
line and hands the settings to `model.py`, which builds, trains and saves the model."""

import argparse

import tensorflow as tf

import model


def main():
    parser = argparse.ArgumentParser(description="Train the regression model.")
    parser.add_argument("--epochs", type=int, default=3, help="passes over the data")
    parser.add_argument("--batch_size", type=int, default=16)
    parser.add_argument("--learning_rate", type=float, default=0.01)
    parser.add_argument("--output_dir", default="trained", help="where the trained model is written")
    args = parser.parse_args()

    tf.random.set_seed(7)
    model.train_and_evaluate(args.epochs, args.batch_size, args.learning_rate, args.output_dir)


if __name__ == "__main__":
    main()

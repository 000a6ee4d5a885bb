"""The ground every layer stands on: the model, errors, ids, limits, money, dates, text.

Nothing here does I/O beyond reading the configuration file, and nothing imports a layer above."""

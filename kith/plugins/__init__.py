"""The plugin machinery: the hook contract, the loader, kith's own defaults, registries."""

"""What kith knows about networking, as pure computation: the ledger, serendipity,
keep-in-touch, conversations (invited versus pitched), likely duplicates, search.

The domain reads typed values and never opens a file."""

-- no row: the write-ahead log folded into the store's file
checkpoint

-- no row: the backup's copy detached from the store (nothing happens when it is not attached)
detach database if exists resonance_backup

-- sessions expired before the cutoff: removed
delete from account_session where expires_at < $cutoff

-- one row per valid session holding this token hash (at most one): the account behind it, if still allowed in
with sessions as (
    select account_id, expires_at, method
    from account_session
    where token_sha256 = $token_sha256 and not revoked and expires_at > $now
),

final as (
    select a.id, a.name, a.role, s.expires_at, s.method
    from sessions as s
    join account as a on a.id = s.account_id
    where not a.disabled
)

select * from final

-- one picture recorded as an asset of a campaign (and partner); returns its id
insert into asset (kind, sha256, mime, width, height, caption, taken_on, campaign_id, partner_id, illustrates_metric,
                   created_by)
values ($kind, $sha256, $mime, $width, $height, $caption, $taken_on, $campaign_id, $partner_id, $illustrates_metric,
        $created_by)
returning id

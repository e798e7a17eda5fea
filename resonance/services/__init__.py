"""What the app does with the store: campaigns, partners, reviews, comparisons, accounts, audit, pictures, backups, sources."""

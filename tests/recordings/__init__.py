"""Recorded API answers (shaped like the documented Matomo, Brevo, Mailchimp and RSS/Atom responses) and the test kit."""

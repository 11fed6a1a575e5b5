"""The mail edge: Maildir/mbox/.eml readers and the IMAP poller."""

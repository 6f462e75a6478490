# sip/: the SIP user agent on sofia-sip.

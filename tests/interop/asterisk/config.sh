# shellcheck shell=bash
# tests/interop/asterisk/config.sh: Asterisk's configuration for the interop
# suite, written into a scratch tree (sourced by run-asterisk.sh). Loopback
# only; every folder Asterisk writes to is inside the tree. The deployment
# sample in configs/asterisk/ has the same shape (trunk endpoint for the
# engine, ConfBridge room conf-100); here the phones are SIPp and the
# extensions carry the ports of the run.

# One second of 8 kHz mono 16-bit silence: the music on hold.
write_silence_wav() {
	{
		printf 'RIFF\xa4\x3e\x00\x00WAVEfmt \x10\x00\x00\x00'
		printf '\x01\x00\x01\x00\x40\x1f\x00\x00\x80\x3e\x00\x00'
		printf '\x02\x00\x10\x00data\x80\x3e\x00\x00'
		head -c 16000 /dev/zero
	} >"$1"
}

write_asterisk_config() { # tree udp-port
	local d=$1 port=$2 etc=$1/etc
	cat >"$etc/asterisk.conf" <<EOF
; Every folder Asterisk writes to is in this scratch tree; modules and
; sounds come from the installation (the binary's built-in defaults).
[directories]
astetcdir => $etc
astvarlibdir => $d/lib
astdbdir => $d/lib
astkeydir => $d/lib
astspooldir => $d/spool
astrundir => $d/run
astlogdir => $d/log

[options]
verbose = 3
debug = 0
; no console colours in the log, no core files
nocolor = yes
dumpcore = no
EOF
	cat >"$etc/logger.conf" <<EOF
[general]
dateformat = %F %T.%3q

[logfiles]
messages.log => notice,warning,error,verbose(3)
console => warning,error
EOF
	# Only what the cases use: quicker to start, and no other port opened.
	cat >"$etc/modules.conf" <<EOF
[modules]
autoload = no
load = res_sorcery_config.so
load = res_sorcery_memory.so
load = res_sorcery_astdb.so
load = res_pjproject.so
load = res_pjsip.so
load = res_pjsip_session.so
load = res_pjsip_pubsub.so
load = res_pjsip_sdp_rtp.so
load = res_pjsip_endpoint_identifier_user.so
load = res_pjsip_caller_id.so
load = res_pjsip_diversion.so
load = res_pjsip_refer.so
load = res_pjsip_logger.so
load = res_pjsip_rfc3326.so
load = res_pjsip_dtmf_info.so
load = res_rtp_asterisk.so
load = res_timing_timerfd.so
load = res_musiconhold.so
load = chan_pjsip.so
load = codec_ulaw.so
load = format_wav.so
load = format_pcm.so
load = bridge_simple.so
load = bridge_softmix.so
load = bridge_native_rtp.so
load = bridge_holding.so
load = bridge_builtin_features.so
load = pbx_config.so
load = app_dial.so
load = app_confbridge.so
load = app_playback.so
load = app_echo.so
load = func_channel.so
load = func_callerid.so
EOF
	cat >"$etc/rtp.conf" <<EOF
[general]
rtpstart = 40000
rtpend = 49998
EOF
	cat >"$etc/pjsip.conf" <<EOF
[global]
type = global
user_agent = Asterisk interop test

[udp]
type = transport
protocol = udp
bind = 127.0.0.1:$port

; The engine. In-dialog requests follow its Contact; new calls to it name
; its address in the Dial string (from-phones).
[engine](!)
type = endpoint
context = from-sipscxml
disallow = all
allow = ulaw
direct_media = no
identify_by = username

[sipscxml](engine)

; The same, with session timers forced: 90 s, refreshed by Asterisk.
[sipscxml-timers](engine)
timers = always
timers_sess_expires = 90
timers_min_se = 90

; The SIPp phones. Connected-line updates off: the phones' scenarios
; answer one call and take one BYE.
[phone]
type = endpoint
context = from-phones
disallow = all
allow = ulaw
direct_media = no
identify_by = username
send_connected_line = no
EOF
	cat >"$etc/extensions.conf" <<EOF
[general]
static = yes
writeprotect = yes

[from-sipscxml]
; a number: the phone listening on 127.0.0.1:number
exten => _X.,1,Dial(PJSIP/phone/sip:phone@127.0.0.1:\${EXTEN},30)
 same => n,Hangup(\${HANGUPCAUSE})
exten => conf-100,1,Answer()
 same => n,ConfBridge(100)
 same => n,Hangup()

[from-phones]
; a number: the engine listening on 127.0.0.1:number
exten => _X.,1,Dial(PJSIP/sipscxml/sip:flow@127.0.0.1:\${EXTEN},30)
 same => n,Hangup(\${HANGUPCAUSE})
EOF
	# Tones Asterisk plays a caller (ringback while Dial rings).
	cat >"$etc/indications.conf" <<EOF
[general]
country = us

[us]
description = North America
ringing = 440+480/2000,0/4000
busy = 480+620/500,0/500
congestion = 480+620/250,0/250
dial = 350+440
EOF
	cat >"$etc/confbridge.conf" <<EOF
[general]

[default_bridge]
type = bridge

[default_user]
type = user
quiet = yes
EOF
	write_silence_wav "$d/moh/silence.wav"
	cat >"$etc/musiconhold.conf" <<EOF
[general]

[default]
mode = files
directory = $d/moh
EOF
	# Modules that read these files complain without them.
	: >"$etc/ccss.conf"
	: >"$etc/features.conf"
	: >"$etc/udptl.conf"
	: >"$etc/cdr.conf"
	: >"$etc/cel.conf"
	: >"$etc/acl.conf"
		: >"$etc/pjproject.conf"
	: >"$etc/stasis.conf"
}

// tests/interop/asterisk/pbx.js: shared by the flows of the Asterisk cases.
// A SIPp phone listening on sip:user@127.0.0.1:PORT (the driver's define)
// is reached through Asterisk as extension PORT (context from-sipscxml of
// config.sh); pbx is Asterisk's host:port.
function viaPbx(uri) {
  return 'sip:' + String(uri).replace(/^.*:/, '') + '@' + pbx;
}

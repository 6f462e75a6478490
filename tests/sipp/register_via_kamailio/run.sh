#!/bin/bash
# sipp/register_via_kamailio: the engine registers with Kamailio as its
# registrar (a 401 challenge answered with [auth]), then calls its own
# address of record through Kamailio, which routes the call back to the
# registered contact: the engine answers its own call, then hangs up.
# Calls made before the registration is in get 404 and are tried again.
# check.sh reads the SIP trace: the challenge, the REGISTER with digest
# credentials, the binding granted, and the un-REGISTER at exit.
peers=("kamailio - -")
expect="*error.voice.createcall:invaliddestination \
	*interaction.deleted:failed \
	~interaction.added ~interaction.accept.done \
	~voice.createcall.done ~interaction.terminate.done \
	~interaction.deleted:local ~interaction.deleted:remote"
check=check.sh
flow_args=(--sip-trace)
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"

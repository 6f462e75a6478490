# shellcheck shell=bash
# tests/network/actions.sh: what loss.sh, loss_nth.sh and delay.sh share —
# every voice action of actions.scxml, its SIPp peers and the events it must
# end with whatever the network does — sourced by each before it sets its
# own faults (rules, relay, network_check) and sources run-net.sh.
# shellcheck disable=SC2034 # read by run-net.sh
doc=actions.scxml
# shellcheck disable=SC2034
peers=("held.xml a" "consulted.xml b" "refer.xml c" "conf_held.xml d"
	"conf_party.xml e" "focus.xml f")
# shellcheck disable=SC2034
expect="voice.createcall.done voice.hold.done voice.retrieve.done \
	voice.consultation.done voice.transfer.done \
	~interaction.deleted:transferred ~interaction.deleted:transferred \
	voice.createcall.done voice.transfer.done \
	~interaction.deleted:transferred \
	voice.createcall.done voice.consultation.done voice.conference.done \
	~interaction.deleted:transferred ~interaction.deleted:transferred \
	interaction.terminate.done interaction.deleted:local"

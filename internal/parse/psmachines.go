package parse

// psMachineCmdlets are the virtual machine cmdlets (Hyper-V's and
// PowerCLI's) whose verb is not one that takes something away, but whose
// parameters may: Stop-VM -TurnOff pulls the plug, Restore-VMSnapshot
// and Set-VM -Snapshot discard what was written since the snapshot. They
// reach the rules as the program cmdlet (cmdlet stop-vm -TurnOff), which
// the system pack's hypervisor rules judge.
const psMachineCmdlets = "stop-vm restart-vm restore-vmsnapshot restore-vmcheckpoint set-vm stop-vmhost restart-vmhost suspend-vmhost set-vmhost merge-vhd"

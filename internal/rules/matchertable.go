package rules

// makeMatcher builds a named matcher from a rule's with table.
type makeMatcher func(with map[string]any) (matchFunc, error)

// namedMatcher is a matcher's name and its builder.
type namedMatcher struct {
	name string
	make makeMatcher
}

// matcherTable holds every named predicate rules can use, sorted by name,
// each with the function that builds it from the rule's with table. It is
// static data: a map filled by each matcher's file in its init cost every
// start about fifty functions spread over the binary, and the map itself.
// docs/rules.md lists the same names under Matchers.
var matcherTable = [...]namedMatcher{
	{"access-api-write", newAccessAPIWrite},
	{"access-off", newAccessOff},
	{"access-removed", newAccessRemoved},
	{"airflow-clear-range", newAirflowClearRange},
	{"alerts-muted", newAlertsMuted},
	{"apex-dml", newApexDML},
	{"argo-delete", newArgoDelete},
	{"armed-cleanup", newArmedCleanup},
	{"chain-tx", newChainTx},
	{"chmod-locks-owner", newChmodLocksOwner},
	{"chmod-widens", newChmodWidens},
	{"chown-locks-out", newChownLocksOut},
	{"client-commands", newClientCommands},
	{"client-text", newClientText},
	{"clobbers-input", newClobbersInput},
	{"code", newCodePattern},
	{"code-calls", newCodeCalls},
	{"code-sql", newCodeSQL},
	{"code-warehouse", newCodeWarehouse},
	{"copy-into-data", newCopyIntoData},
	{"credentials", newCredentials},
	{"crontab-replace", newCrontabReplace},
	{"cypher", newCypher},
	{"danger-option", newDangerOption},
	{"dbt-target", newDbtTarget},
	{"deletes-named", newDeletesNamed},
	{"deny-all-policy", newDenyAllPolicy},
	{"disk-target", newDiskTarget},
	{"dispatch", newDispatch},
	{"dispatch-armed", newDispatchArmed},
	{"downloads-to", newDownloadsTo},
	{"dump-loaded", newDumpLoaded},
	{"endpoint-prod", newEndpointProd},
	{"fastboot-wipes", newFastbootWipes},
	{"fed-by", newFedBy},
	{"fed-naming", newFedNaming},
	{"finalizers-removed", newFinalizersRemoved},
	{"find-delete", newFindRemoves}, // the older name, kept for user configs
	{"find-names", newFindNames},
	{"find-removes", newFindRemoves},
	{"find-removes-named", newFindRemovesNamed},
	{"firewall-lockout", newFirewallLockout},
	{"flag-toggled", newFlagToggled},
	{"forms", newForms},
	{"from-code", newFromCode},
	{"git", newGit},
	{"git-push", newGitPush},
	{"http", newHTTP},
	{"http-cleanup-armed", newHTTPCleanupArmed},
	{"http-run-named", newHTTPRunNamed},
	{"iac-prod", newIACProd},
	{"index-overwrite", newIndexOverwrite},
	{"input-named", newInputNamed},
	{"journal-vacuum", newJournalVacuum},
	{"k8s-delete", newKubeDelete},
	{"keeps-nothing", newKeepsNothing},
	{"keygen-overwrite", newKeygenOverwrite},
	{"kill-all", newKillAll},
	{"kill-guard", newKillGuard},
	{"kill-server", newKillServer},
	{"kube-marks", newKubeMarks},
	{"launchctl-system", newLaunchctlSystem},
	{"link-down", newLinkDown},
	{"listed-deletes", newListedDeletes},
	{"local-names-prod", newLocalNamesProd},
	{"made-public", newMadePublic},
	{"migration-down", newMigrationDown},
	{"migration-down-local", newMigrationDownLocal},
	{"moves-source", newMovesSource},
	{"mqsc-destroys", newMqscDestroys},
	{"mqtt-publish", newMQTTPublish},
	{"names-prod", newNamesProd},
	{"net-clear", newNetClear},
	{"net-erase", newNetErase},
	{"net-reload", newNetReload},
	{"net-replace", newNetReplace},
	{"not-dev-namespace", newNotDevNamespace},
	{"not-dev-secret", newNotDevSecret},
	{"not-dev-units", newNotDevUnits},
	{"not-disposable", newNotDisposable},
	{"not-local-kube", newNotLocalKube},
	{"not-local-or-disposable", newNotLocalOrDisposable},
	{"not-nonprod-scope", newNotNonprodScope},
	{"not-per-run", newNotPerRun},
	{"not-per-run-stage", newNotPerRunStage},
	{"not-temp-files", newNotTempFiles},
	{"not-temp-repo", newNotTempRepo},
	{"not-throwaway-compose", newNotThrowawayCompose},
	{"not-throwaway-filter", newNotThrowawayFilter},
	{"one-operand", newOneOperand},
	{"other-options", newOtherOptions},
	{"output-remote", newOutputRemote},
	{"overwrites-backup", newOverwritesBackup},
	{"overwrites-served", newOverwritesServed},
	{"overwrites-state", newOverwritesState},
	{"packages", newPackages},
	{"patch-scales-zero", newPatchScalesZero},
	{"payload", newPayload},
	{"per-run-stage", newPerRunStage},
	{"postgrest-bulk-code", newPostgrestBulkCode},
	{"prod-removal-pushed", newProdRemovalPushed},
	{"project-empties", newProjectEmpties},
	{"project-tree", newProjectTree},
	{"public-registry", newPublicRegistry},
	{"query-option", newQueryOption},
	{"queue-policy-drops", newQueuePolicyDrops},
	{"redis", newRedis},
	{"remote-gone", newRemoteGone},
	{"restores-over", newRestoresOver},
	{"retention", newRetention},
	{"retention-named", newRetentionNamed},
	{"safeguard-off", newSafeguardOff},
	{"scales-zero", newScalesZero},
	{"search-lifecycle", newSearchLifecycle},
	{"secret-emptied", newSecretEmptied},
	{"secret-sent", newSecretSent},
	{"self-call", newSelfCall},
	{"self-writes", newSelfWrites},
	{"settings-delete", newSettingsDelete},
	{"shrink", newShrink},
	{"site-import", newSiteImport},
	{"sql", newSQL},
	{"status-off", newStatusOff},
	{"store-api", newStoreAPI},
	{"store-input", newStoreInput},
	{"store-protocol", newStoreProtocol},
	{"telemetry-purged", newTelemetryPurged},
	{"temp-repo", newTempRepo},
	{"test-env", newTestEnv},
	{"tkn-run-delete", newTknRunDelete},
	{"transfer", newTransfer},
	{"tree-listed-deletes", newTreeListedDeletes},
	{"truncates", newTruncates},
	{"ttl-short", newTTLShort},
	{"typed-statements", newTypedStatements},
	{"unpacks-backup", newUnpacksBackup},
	{"unscoped-run", newUnscopedRun},
	{"untracks-all-pushed", newUntracksAllPushed},
	{"verbs", newVerbs},
	{"warehouse-history", newWarehouseHistory},
	{"writes-system", newWritesSystem},
}

// findMatcher returns the builder of the matcher called name.
func findMatcher(name string) (makeMatcher, bool) {
	// A plain binary search: slices.BinarySearchFunc with a comparison
	// function cost about 600 instructions a lookup, and a command makes
	// a few dozen matchers.
	lo, hi := 0, len(matcherTable)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if matcherTable[m].name < name {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(matcherTable) || matcherTable[lo].name != name {
		return nil, false
	}
	return matcherTable[lo].make, true
}

package parse

import "testing"

// interpFactsCases: every deletion or emptying in interpreter code reaches
// the rules as rm or truncate with its facts: recursive or not, the path
// or the pattern (a walk's with **), emptying; paths as the code computes
// them, and unknown ones dynamic.
var interpFactsCases = []commandCase{
	{"node -e 'import { rm } from \"fs/promises\"; await rm(\"/srv/data\", { recursive: true })'", []string{
		"node -e 'import { rm } from \"fs/promises\"; await rm(\"/srv/data\", { recursive: true })' code=node:-e",
		"rm -rf /srv/data via=node code",
	}},
	{"node -e 'require(\"fs\").rmSync(\"/srv/data/a.txt\")'", []string{
		"node -e 'require(\"fs\").rmSync(\"/srv/data/a.txt\")' code=node:-e",
		"rm -f /srv/data/a.txt via=node code",
	}},
	{"node -e 'const fs = require(\"fs\"); fs.rm(\"/srv/data\", opts, cb)'", []string{
		"node -e 'const fs = require(\"fs\"); fs.rm(\"/srv/data\", opts, cb)' code=node:-e",
		"rm -rf /srv/data via=node code",
	}},
	{"deno eval 'Deno.removeSync(\"/srv/data/x.txt\")'", []string{
		"deno eval 'Deno.removeSync(\"/srv/data/x.txt\")' code=node:program",
		"rm -f /srv/data/x.txt via=deno code",
	}},
	{"node -e 'require(\"rimraf\").sync(\"/srv/data\")'", []string{
		"node -e 'require(\"rimraf\").sync(\"/srv/data\")' code=node:-e",
		"rm -rf /srv/data via=node code",
	}},
	{"ruby -e 'require \"fileutils\"; FileUtils.rm(\"/srv/data/a.txt\"); FileUtils.rm_f(Dir.glob(\"/srv/data/*.log\"))'", []string{
		"ruby -e 'require \"fileutils\"; FileUtils.rm(\"/srv/data/a.txt\"); FileUtils.rm_f(Dir.glob(\"/srv/data/*.log\"))' code=ruby:-e",
		"rm -f /srv/data/a.txt via=ruby code",
		"rm -f '/srv/data/*.log'{G} via=ruby code",
	}},
	{"ruby -e 'Dir[\"/srv/data/*.sqlite3\"].each { |f| File.delete(f) }'", []string{
		"ruby -e 'Dir[\"/srv/data/*.sqlite3\"].each { |f| File.delete(f) }' code=ruby:-e",
		"rm -f '/srv/data/*.sqlite3'{G} via=ruby code",
	}},
	{"perl -e 'unlink glob \"/srv/data/*\"'", []string{
		"perl -e 'unlink glob \"/srv/data/*\"' code=perl:-e",
		"rm -f '/srv/data/*'{G} via=perl code",
	}},
	{"python3 -c 'from pathlib import Path; p = Path(\"/srv/data\"); [f.unlink() for f in p.iterdir()]; p.rmdir()'", []string{
		"python3 -c 'from pathlib import Path; p = Path(\"/srv/data\"); [f.unlink() for f in p.iterdir()]; p.rmdir()' code=python:-c",
		"rm -f '/srv/data/*'{G} via=python3 code",
		"rm -f /srv/data via=python3 code",
		"rm -rf /srv/data via=python3 code",
	}},
	{"python3 -c 'from pathlib import Path; [p.unlink() for p in Path(\"/srv/data\").rglob(\"*.py\")]'", []string{
		"python3 -c 'from pathlib import Path; [p.unlink() for p in Path(\"/srv/data\").rglob(\"*.py\")]' code=python:-c",
		"rm -rf '/srv/data/**/*.py'{G} via=python3 code",
	}},
	{"python3 -c 'import os\nfor root, dirs, files in os.walk(\"/srv/data\"):\n    for f in files:\n        os.remove(os.path.join(root, f))'", []string{
		"python3 -c $'import os\\nfor root, dirs, files in os.walk(\"/srv/data\"):\\n    for f in files:\\n        os.remove(os.path.join(root, f))' code=python:-c",
		"rm -rf '/srv/data/**/*'{G} via=python3 code",
	}},
	{"php -r 'function rrmdir($d) { foreach (glob(\"$d/*\") as $f) { is_dir($f) ? rrmdir($f) : unlink($f); } rmdir($d); } rrmdir(\"/srv/data\");'", []string{
		"php -r 'function rrmdir($d) { foreach (glob(\"$d/*\") as $f) { is_dir($f) ? rrmdir($f) : unlink($f); } rmdir($d); } rrmdir(\"/srv/data\");' code=php:-r",
		"rm -f '/srv/data/*'{G} via=php code",
		"rm -f /srv/data via=php code",
		"rm -rf /srv/data via=php code",
	}},
	{"python3 -c 'import shutil\ndef wipe(p):\n    shutil.rmtree(p)\nwipe(x)'", []string{
		"python3 -c $'import shutil\\ndef wipe(p):\\n    shutil.rmtree(p)\\nwipe(x)' code=python:-c",
		"rm -rf '$x'{D} via=python3 code",
	}},
	{"python3 -c 'open(\"/srv/data/a.db\", \"w\").close()'", []string{
		"python3 -c 'open(\"/srv/data/a.db\", \"w\").close()' code=python:-c",
		"truncate -s 0 /srv/data/a.db via=python3 code",
	}},
	{"python3 -c 'import json\nwith open(\"/srv/data/a.json\", \"w\") as f:\n    json.dump({}, f)'", []string{
		"python3 -c $'import json\\nwith open(\"/srv/data/a.json\", \"w\") as f:\\n    json.dump({}, f)' code=python:-c",
		"tee /srv/data/a.json via=python3 code",
	}},
	{"python3 -c 'from pathlib import Path; Path(\"/srv/data/a.db\").write_text(\"\")'", []string{
		"python3 -c 'from pathlib import Path; Path(\"/srv/data/a.db\").write_text(\"\")' code=python:-c",
		"truncate -s 0 /srv/data/a.db via=python3 code",
	}},
	{"python3 -c 'import os; os.truncate(\"/srv/data/a.db\", 0); os.truncate(\"/srv/data/b.db\", 10)'", []string{
		"python3 -c 'import os; os.truncate(\"/srv/data/a.db\", 0); os.truncate(\"/srv/data/b.db\", 10)' code=python:-c",
		"truncate -s 0 /srv/data/a.db via=python3 code",
	}},
	{"node -e 'const fs = require(\"fs\"); fs.writeFileSync(\"/srv/data/a.db\", \"\"); fs.writeFileSync(\"/srv/data/b.db\", \"x\")'", []string{
		"node -e 'const fs = require(\"fs\"); fs.writeFileSync(\"/srv/data/a.db\", \"\"); fs.writeFileSync(\"/srv/data/b.db\", \"x\")' code=node:-e",
		"truncate -s 0 /srv/data/a.db via=node code",
		"tee /srv/data/b.db via=node code",
	}},
	{"ruby -e 'File.write(\"/srv/data/a.db\", \"\"); File.open(\"/srv/data/b.db\", \"w\") {}'", []string{
		"ruby -e 'File.write(\"/srv/data/a.db\", \"\"); File.open(\"/srv/data/b.db\", \"w\") {}' code=ruby:-e",
		"truncate -s 0 /srv/data/a.db via=ruby code",
		"truncate -s 0 /srv/data/b.db via=ruby code",
	}},
	{"php -r 'file_put_contents(\"/srv/data/a.db\", \"\"); fclose(fopen(\"/srv/data/b.db\", \"w\"));'", []string{
		"php -r 'file_put_contents(\"/srv/data/a.db\", \"\"); fclose(fopen(\"/srv/data/b.db\", \"w\"));' code=php:-r",
		"truncate -s 0 /srv/data/a.db via=php code",
		"truncate -s 0 /srv/data/b.db via=php code",
	}},
	{"perl -e 'open(my $fh, \">\", \"/srv/data/a.db\"); close $fh; open(my $o, \">\", \"/srv/data/b.db\"); print $o \"x\"'", []string{
		"perl -e 'open(my $fh, \">\", \"/srv/data/a.db\"); close $fh; open(my $o, \">\", \"/srv/data/b.db\"); print $o \"x\"' code=perl:-e",
		"truncate -s 0 /srv/data/a.db via=perl code",
	}},
	{"python3 -c 'import shutil; from pathlib import Path; shutil.rmtree(Path.home() / \"project\" / \"src\")'", []string{
		"python3 -c 'import shutil; from pathlib import Path; shutil.rmtree(Path.home() / \"project\" / \"src\")' code=python:-c",
		"rm -rf /home/user/project/src via=python3 code",
	}},
	{"eval \"rm -rf ~/project/src\"", []string{
		"rm -rf /home/user/project/src via=eval",
	}},
}

func TestInterpreterFacts(t *testing.T) { runCommandCases(t, interpFactsCases) }

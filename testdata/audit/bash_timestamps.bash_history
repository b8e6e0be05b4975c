#1717000000
cd ~/src/app
#1717000060
git status
#1717000120
psql "$DATABASE_URL" <<'SQL'
DROP TABLE users;
SQL
#1717000180
kubectl delete ns prod
#1717000240
for f in *.log
do
  echo "$f"
done
#1717000300
git reset --hard origin/main
#1717000360
git status

ls -la
cd ~/src/app
git status
git push --force origin main
# a comment the user kept

rm -rf /
make test
git status
rm -rf ~/Downloads/ÿþold
terraform destroy
ls

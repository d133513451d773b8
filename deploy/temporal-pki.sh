#!/bin/sh
# The stack's own certificate authority for Temporal's mutual TLS (run once by
# the temporal-pki service in docker-compose.yml, into the temporal-pki
# volume): the frontend answers only clients holding a certificate it signed —
# the ssj app and workers, the Web UI, the admin tools. Nothing is made again
# once ca.pem exists; to rotate, remove the volume and `docker compose up -d`.
set -eu
cd /pki
if [ -f ca.pem ]; then
  echo "temporal-pki: certificates present"
  exit 0
fi
command -v openssl >/dev/null || apk add --no-cache openssl >/dev/null
days=825
openssl ecparam -name prime256v1 -genkey -noout -out ca.key
openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/CN=ssj temporal CA" -out ca.pem
issue() { # name, subject CN, extensions
  openssl ecparam -name prime256v1 -genkey -noout -out "$1.key"
  openssl req -new -key "$1.key" -subj "/CN=$2" -out "$1.csr"
  printf '%s\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days "$days" -sha256 \
    -extfile "$1.ext" -out "$1.pem"
  rm -f "$1.csr" "$1.ext"
}
# The server's certificate serves the frontend and the cluster's own internode calls.
issue server temporal "subjectAltName=DNS:temporal,DNS:localhost
extendedKeyUsage=serverAuth,clientAuth"
for who in ssj ui tools; do
  issue "$who" "$who" "extendedKeyUsage=clientAuth"
done
# The Temporal images run as their own users: readable by the services that mount this volume, the CA key by none.
chmod 0644 ./*.pem ./*.key
chmod 0600 ca.key
echo "temporal-pki: CA and certificates for temporal, ssj, ui and tools made"

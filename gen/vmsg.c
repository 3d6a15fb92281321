/*
 * vmsg.c - the messages of verification in English and Japanese: the
 * formatter that writes both, the registry of a report's strings, the
 * patterns of lower modules' messages, instants in the reader's time
 * zone, and the catalog.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "vmsg.h"

#define MAX_ARGS	12

enum arg_kind {
	ARG_STR,	/* %s */
	ARG_PSTR,	/* %.*s: an int and a string */
	ARG_INT,	/* %d */
	ARG_UINT,	/* %u */
	ARG_SIZE,	/* %zu */
	ARG_ULL		/* %llu */
};

struct arg {
	enum arg_kind	 kind;
	const char	*s;
	int		 prec;
	unsigned long long u;
	int		 i;
};

/* The catalog: English formats and their Japanese, sorted by English. */
static const struct vmsg_entry vmsg_cat[] = {
	{ "\"%s\"",
	    "\"%s\"" },
	{ "%s",
	    "%s" },
	{ "%s (index %llu of the status list %s)",
	    "%1$s（ステータスリスト %3$s の %2$llu 番）" },
	{ "%s and \"%s\"",
	    "%s と \"%s\"" },
	{ "%s and a context that defines %s (no context compiled into badgegen does)",
	    "%s と %s を定義するコンテキスト（badgegen に組み込まれたコンテキストにはありません）" },
	{ "%s identity (public, not hashed)",
	    "%s の識別子（公開、ハッシュなし）" },
	{ "%s identity hashed with %.*s",
	    "%s の識別子（%.*s でハッシュ化）" },
	{ "%s is among the issuer's allowedOrigins",
	    "%s は発行者の allowedOrigins に含まれます" },
	{ "%s is not a %s",
	    "%s は %s ではありません" },
	{ "%s is not a CryptographicKey with a publicKeyPem",
	    "%s は publicKeyPem を持つ CryptographicKey ではありません" },
	{ "%s is not a date and time",
	    "%s は日時ではありません" },
	{ "%s is not a well-formed did:web DID",
	    "%s は正しい形式の did:web DID ではありません" },
	{ "%s is not listed under assertionMethod of %s",
	    "%s は %s の assertionMethod に記載されていません" },
	{ "%s is outside the issuer's verification policy (startsWith)",
	    "%s は発行者の検証ポリシー（startsWith）の範囲外です" },
	{ "%s is outside the issuer's verification policy: not on the issuer's host %s",
	    "%s は発行者の検証ポリシーの範囲外です：発行者のホスト %s 上にありません" },
	{ "%s proof by %s verifies",
	    "%2$s による %1$s の証明を確認しました" },
	{ "%s signature verifies with %s",
	    "%2$s で %1$s の署名を確認しました" },
	{ "%s signature verifies with the key of the %s",
	    "%2$s の鍵で %1$s の署名を確認しました" },
	{ "%s status %llu (index %llu of %s)",
	    "%1$s の状態 %2$llu（%4$s の %3$llu 番）" },
	{ "%s%s",
	    "%s%s" },
	{ "%s: not set (index %llu of the status list %s)",
	    "%1$s：設定されていません（ステータスリスト %3$s の %2$llu 番）" },
	{ "%s; but the DID document lacks the JSON-LD context %s in its @context, so verifiers that read it as JSON-LD may not accept the key (%s)",
	    "%s。ただし DID 文書の @context に JSON-LD コンテキスト %s がないため、JSON-LD として読む検証ツールはこの鍵を受け入れない可能性があります（%s）" },
	{ "%sa context that defines %s (no context compiled into badgegen does)",
	    "%s%s を定義するコンテキスト（badgegen に組み込まれたコンテキストにはありません）" },
	{ "%snot checked: %s",
	    "%s確認していません：%s" },
	{ "(no id)",
	    "（ID なし）" },
	{ "(no message)",
	    "（メッセージなし）" },
	{ "(no owner)",
	    "（所有者なし）" },
	{ "(none)",
	    "（なし）" },
	{ "1EdTechRevocationList status without an id",
	    "id のない 1EdTechRevocationList の状態" },
	{ "@context must be %s, not %s",
	    "@context は %2$s ではなく %1$s でなければなりません" },
	{ "@context must be an array starting with %s",
	    "@context は %s で始まる配列でなければなりません" },
	{ "@context[0] must be %s, not %s",
	    "@context[0] は %2$s ではなく %1$s でなければなりません" },
	{ "@context[1] must be the Open Badges 3.0 context %scontext-3.0.3.json, not %s",
	    "@context[1] は %2$s ではなく Open Badges 3.0 のコンテキスト %1$scontext-3.0.3.json でなければなりません" },
	{ "BitstringStatusListEntry needs statusListCredential, statusPurpose and a non-negative statusListIndex",
	    "BitstringStatusListEntry には statusListCredential、statusPurpose と 0 以上の statusListIndex が必要です" },
	{ "NOT valid",
	    "無効" },
	{ "Open Badges 1.x context %s",
	    "Open Badges 1.x のコンテキスト %s" },
	{ "Open Badges 2.0 context",
	    "Open Badges 2.0 のコンテキスト" },
	{ "Open Badges 3.0.3 context",
	    "Open Badges 3.0.3 のコンテキスト" },
	{ "VCDM 1.1 (@context[0] %s)",
	    "VCDM 1.1（@context[0] %s）" },
	{ "VCDM 2.0",
	    "VCDM 2.0" },
	{ "a hosted assertion must be published at its id: %s is not under %s",
	    "ホスト型のアサーションはその ID で公開されていなければなりません：%s は %s の下にありません" },
	{ "a hosted assertion must be published at its id: the site serves another document at %s",
	    "ホスト型のアサーションはその ID で公開されていなければなりません：サイトは %s で別の文書を公開しています" },
	{ "assertion signed by a key %s other than those authorized by the issuer profile %s",
	    "アサーションは、発行者プロフィール %2$s が認めていない鍵 %1$s で署名されています" },
	{ "credentialSubject has neither an id nor an identifier, which Open Badges 3.0 requires: the recipient cannot be checked",
	    "credentialSubject に Open Badges 3.0 が求める id も identifier もありません：受領者を確認できません" },
	{ "credentialSubject.identifier: expected an array",
	    "credentialSubject.identifier：配列でなければなりません" },
	{ "credentialSubject: expected an object",
	    "credentialSubject：オブジェクトでなければなりません" },
	{ "endorsement",
	    "推薦" },
	{ "exp %s but no %s",
	    "exp は %s ですが %s がありません" },
	{ "exp %s is not %s %s",
	    "exp %s が %s %s と一致しません" },
	{ "expired on %s",
	    "%s に有効期限が切れました" },
	{ "expires %s",
	    "有効期限 %s" },
	{ "expires (%s) before it is issued (%s)",
	    "有効期限（%s）が発行日（%s）より前です" },
	{ "header jwk",
	    "ヘッダーの jwk" },
	{ "hosted at its id %s",
	    "ID %s で公開されています" },
	{ "identifier[%zu]: %s hashed with %.*s",
	    "identifier[%zu]：%s（%.*s でハッシュ化）" },
	{ "identifier[%zu]: expected an IdentityObject with identityType, identityHash and hashed",
	    "identifier[%zu]：identityType、identityHash、hashed を持つ IdentityObject でなければなりません" },
	{ "identifier[%zu]: identityHash must be \"sha256$<64 hex digits>\" or \"md5$<32 hex digits>\"",
	    "identifier[%zu]：identityHash は \"sha256$<16進64桁>\" または \"md5$<16進32桁>\" でなければなりません" },
	{ "identifier[%zu]: name",
	    "identifier[%zu]：氏名" },
	{ "identifier[%zu]: the recipient's %s is not hashed and would be published",
	    "identifier[%zu]：受領者の %s がハッシュ化されておらず、公開されてしまいます" },
	{ "iss %s is not the issuer id %s",
	    "iss %s が発行者の ID %s と一致しません" },
	{ "iss, jti, nbf, exp and sub agree with the credential",
	    "iss、jti、nbf、exp、sub は資格情報と一致します" },
	{ "issued %s",
	    "発行 %s" },
	{ "issued to the given address",
	    "指定したアドレスに発行されています" },
	{ "it does not define %s",
	    "%s が定義されていません" },
	{ "it does not define assertionMethod",
	    "assertionMethod が定義されていません" },
	{ "it does not define the type %s",
	    "型 %s が定義されていません" },
	{ "jti %s is not the credential id %s",
	    "jti %s が資格情報の ID %s と一致しません" },
	{ "kid",
	    "kid" },
	{ "md5 identity hashes are weak",
	    "md5 による識別子のハッシュは脆弱です" },
	{ "more than %d proofs: the others are not checked",
	    "証明が %d 個を超えています：残りは確認していません" },
	{ "nbf %s is not %s %s",
	    "nbf %s が %s %s と一致しません" },
	{ "no %s",
	    "%s がありません" },
	{ "no expiry",
	    "有効期限なし" },
	{ "no https issuer id",
	    "https の発行者 ID がありません" },
	{ "no iss claim",
	    "iss クレームがありません" },
	{ "no issuer profile",
	    "発行者プロフィールがありません" },
	{ "no key of the issuer verified the signature",
	    "発行者のどの鍵でも署名を確認できませんでした" },
	{ "no key the issuer lists verifies the signature: %s",
	    "発行者が記載するどの鍵でも署名を確認できません：%s" },
	{ "no key to check",
	    "確認する鍵がありません" },
	{ "no nbf claim",
	    "nbf クレームがありません" },
	{ "no proof is of a suite badgegen verifies (eddsa-rdfc-2022, eddsa-jcs-2022, Ed25519Signature2020)",
	    "badgegen が検証できる方式（eddsa-rdfc-2022、eddsa-jcs-2022、Ed25519Signature2020）の証明がありません" },
	{ "no proof names a key",
	    "鍵を示す証明がありません" },
	{ "no proof names a key that could be checked",
	    "確認できる鍵を示す証明がありません" },
	{ "no status to check",
	    "確認する失効情報はありません" },
	{ "no sub claim",
	    "sub クレームがありません" },
	{ "no sub claim; aud is not checked",
	    "sub クレームがありません。aud は確認していません" },
	{ "not checked",
	    "確認していません" },
	{ "not in the revocation list %s",
	    "失効リスト %s に含まれていません" },
	{ "not issued to the given address",
	    "指定したアドレスには発行されていません" },
	{ "not valid before %s (%s)",
	    "%s より前は有効ではありません（%s）" },
	{ "older context %s",
	    "古いコンテキスト %s" },
	{ "on the issuer's host %s",
	    "発行者のホスト %s 上にあります" },
	{ "recipient.hashed: expected true or false",
	    "recipient.hashed：true か false でなければなりません" },
	{ "recipient.identity is missing",
	    "recipient.identity がありません" },
	{ "recipient.identity must be \"sha256$<64 hex digits>\" or \"md5$<32 hex digits>\"",
	    "recipient.identity は \"sha256$<16進64桁>\" または \"md5$<16進32桁>\" でなければなりません" },
	{ "recipient.salt: expected a string",
	    "recipient.salt：文字列でなければなりません" },
	{ "recipient.type must be email, url, telephone or id, not %s",
	    "recipient.type は %s ではなく email、url、telephone、id のいずれかでなければなりません" },
	{ "recipient: expected an IdentityObject",
	    "recipient：IdentityObject でなければなりません" },
	{ "revocation list",
	    "失効リスト" },
	{ "revoked",
	    "取り消し済み" },
	{ "revoked in the revocation list %s",
	    "失効リスト %s で取り消されています" },
	{ "revoked in the revocation list %s: %s",
	    "失効リスト %s で取り消されています：%s" },
	{ "signed by %s which is not the issuer %s",
	    "発行者 %2$s ではない %1$s が署名しています" },
	{ "status list",
	    "ステータスリスト" },
	{ "status of type %s not checked",
	    "種類 %s の失効情報は確認していません" },
	{ "statusListIndex %llu is outside the status list %s of %llu entries",
	    "statusListIndex %llu はステータスリスト %s（%llu 件）の範囲外です" },
	{ "statusSize must be an integer from 1 to 32",
	    "statusSize は 1 から 32 の整数でなければなりません" },
	{ "sub %s is not credentialSubject.id %s",
	    "sub %s が credentialSubject.id %s と一致しません" },
	{ "subject %s",
	    "対象 %s" },
	{ "suspended",
	    "一時停止中" },
	{ "that defines its terms",
	    "その用語を定義するもの" },
	{ "the %s %s is not in the repository",
	    "%s %s がリポジトリにありません" },
	{ "the %s %s: %s",
	    "%s %s：%s" },
	{ "the %s claim is not a NumericDate",
	    "%s クレームが NumericDate ではありません" },
	{ "the DID document at %s has id %s, not %s",
	    "%1$s の DID 文書の ID が %3$s ではなく %2$s です" },
	{ "the DID document of %s (%s) is not in the repository",
	    "%s の DID 文書（%s）がリポジトリにありません" },
	{ "the DID method of %s cannot be resolved offline (did:key, did:web)",
	    "%s の DID メソッドはオフラインで解決できません（did:key、did:web のみ）" },
	{ "the GZIP data is truncated",
	    "GZIP データが途中で切れています" },
	{ "the JOSE header member \"%.*s\" is not allowed (additional JOSE headers are NOT allowed)",
	    "JOSE ヘッダーの項目 \"%.*s\" は認められていません（追加の JOSE ヘッダーは禁止されています）" },
	{ "the JOSE header names no key (kid or jwk)",
	    "JOSE ヘッダーに鍵（kid または jwk）がありません" },
	{ "the assertion is marked revoked",
	    "このアサーションは取り消し済みと記されています" },
	{ "the assertion is marked revoked: %s",
	    "このアサーションは取り消し済みと記されています：%s" },
	{ "the assertion names no creator and the issuer %s lists no publicKey",
	    "アサーションに creator がなく、発行者 %s にも publicKey がありません" },
	{ "the award identifies its recipient by no e-mail address: the recipient cannot be checked",
	    "このバッジは受領者をメールアドレスで示していません：受領者を確認できません" },
	{ "the controller document %s cannot be read as JSON-LD in safe mode, as other verifiers read it: %s",
	    "管理者文書 %s は、他の検証ツールが読むようには JSON-LD のセーフモードで読めません：%s" },
	{ "the controller document %s does not list the verification method %s",
	    "管理者文書 %s に検証メソッド %s が記載されていません" },
	{ "the controller document %s lacks the JSON-LD context %s in its @context: other verifiers cannot read its key %s (%s)",
	    "管理者文書 %1$s の @context に JSON-LD コンテキスト %2$s がありません：他の検証ツールは鍵 %3$s を読めません（%4$s）" },
	{ "the controller document %s of the key %s is not in the repository",
	    "鍵 %2$s の管理者文書 %1$s がリポジトリにありません" },
	{ "the controller of %s is %s, not the document %s that lists it",
	    "%1$s の管理者は、それを記載する文書 %3$s ではなく %2$s です" },
	{ "the credential has no proof",
	    "資格情報に証明がありません" },
	{ "the credential names no issuer id",
	    "資格情報に発行者の ID がありません" },
	{ "the document at %s has id %s",
	    "%s の文書の ID は %s です" },
	{ "the document shown is not the signed payload",
	    "表示される文書が署名されたペイロードではありません" },
	{ "the entry's statusPurpose %s is not the purpose of the status list %s",
	    "項目の statusPurpose %s はステータスリスト %s の用途ではありません" },
	{ "the header jwk is not the key %s names",
	    "ヘッダーの jwk は %s が示す鍵ではありません" },
	{ "the host %s is not among the issuer's allowedOrigins",
	    "ホスト %s は発行者の allowedOrigins に含まれていません" },
	{ "the issuer %s lists the key %s under assertionMethod",
	    "発行者 %s は鍵 %s を assertionMethod に記載しています" },
	{ "the issuer %s lists the key %s, which it owns",
	    "発行者 %s は自らが所有する鍵 %s を記載しています" },
	{ "the issuer id %s is not an HTTP URL: the default verification policy cannot apply",
	    "発行者の ID %s が HTTP の URL ではありません：既定の検証ポリシーを適用できません" },
	{ "the issuer publishes no JWK set in the repository (%s): the header jwk cannot be bound to the issuer %s",
	    "発行者はリポジトリに JWK セットを公開していません（%s）：ヘッダーの jwk を発行者 %s に結びつけられません" },
	{ "the issuer publishes no revocation list",
	    "発行者は失効リストを公開していません" },
	{ "the issuer's verification policy is not an object",
	    "発行者の検証ポリシーがオブジェクトではありません" },
	{ "the issuer's verificationProperty is not \"id\" (the only one supported)",
	    "発行者の verificationProperty が \"id\"（対応している唯一の値）ではありません" },
	{ "the jwk is a key under assertionMethod of %s",
	    "jwk は %s の assertionMethod にある鍵です" },
	{ "the jwk is in the issuer's JWK set %s",
	    "jwk は発行者の JWK セット %s にあります" },
	{ "the jwk is not a key the issuer publishes (%s)",
	    "jwk は発行者が公開している鍵ではありません（%s）" },
	{ "the jwk is not a key the issuer publishes (DID document %s)",
	    "jwk は発行者が公開している鍵ではありません（DID 文書 %s）" },
	{ "the jwk is not a key the issuer publishes (it is not the key of %s)",
	    "jwk は発行者が公開している鍵ではありません（%s の鍵ではありません）" },
	{ "the jwk is the issuer's did:key",
	    "jwk は発行者の did:key です" },
	{ "the jwk is the issuer's key %s",
	    "jwk は発行者の鍵 %s です" },
	{ "the key %s is %s; %s needs Ed25519",
	    "鍵 %s は %s です。%s には Ed25519 が必要です" },
	{ "the key %s is controlled by %s, which is not the issuer %s",
	    "鍵 %1$s を管理しているのは発行者 %3$s ではなく %2$s です" },
	{ "the key %s is not in the repository",
	    "鍵 %s がリポジトリにありません" },
	{ "the key %s is not in the repository: no document %s (a key is never taken from the URL that names it)",
	    "鍵 %s がリポジトリにありません：文書 %s がありません（鍵をそれを示す URL から取り出すことはしません）" },
	{ "the key %s is owned by %s, not by the issuer %s",
	    "鍵 %1$s の所有者は発行者 %3$s ではなく %2$s です" },
	{ "the key %s names no controller",
	    "鍵 %s に管理者（controller）がありません" },
	{ "the key is published at %s, on the issuer's host",
	    "鍵は発行者のホスト上の %s で公開されています" },
	{ "the key is published at %s, which is not on the host of the issuer %s",
	    "鍵は %s で公開されていますが、そこは発行者 %s のホストではありません" },
	{ "the key is the issuer's own DID %s",
	    "鍵は発行者自身の DID %s です" },
	{ "the list holds %llu entries, fewer than the %u the specification requires for privacy",
	    "リストの項目数は %llu で、仕様がプライバシーのために求める %u より少ないです" },
	{ "the list is issued by %s, not by the credential's issuer",
	    "リストの発行者は資格情報の発行者ではなく %s です" },
	{ "the list is larger than the limit when decompressed",
	    "展開するとリストが上限を超えます" },
	{ "the list is not GZIP data",
	    "リストが GZIP データではありません" },
	{ "the proof has no verificationMethod",
	    "証明に verificationMethod がありません" },
	{ "the proof was not checked",
	    "証明は確認していません" },
	{ "the recipient's address is not hashed and would be published",
	    "受領者のアドレスがハッシュ化されておらず、公開されてしまいます" },
	{ "the recipient's address is not hashed and would be published (credentialSubject.id)",
	    "受領者のアドレスがハッシュ化されておらず、公開されてしまいます（credentialSubject.id）" },
	{ "the revocation list %s: revokedAssertions is not an array",
	    "失効リスト %s：revokedAssertions が配列ではありません" },
	{ "the status list %s expired on %s",
	    "ステータスリスト %s は %s に有効期限が切れました" },
	{ "the status list %s failed its own verification: %s",
	    "ステータスリスト %s 自体の検証に失敗しました：%s" },
	{ "the status list %s has no encodedList",
	    "ステータスリスト %s に encodedList がありません" },
	{ "the status list %s is not valid before %s",
	    "ステータスリスト %s は %s より前は有効ではありません" },
	{ "the status list %s: %s (limit %u bytes)",
	    "ステータスリスト %s：%s（上限 %u バイト）" },
	{ "the status list %s: encodedList is not multibase base64url ('u')",
	    "ステータスリスト %s：encodedList が multibase の base64url（'u'）ではありません" },
	{ "the status list %s: encodedList is not multibase base64url ('u'): %s",
	    "ステータスリスト %s：encodedList が multibase の base64url（'u'）ではありません：%s" },
	{ "the verification method %s is not a did:key, a did:web or an https URL",
	    "検証メソッド %s は did:key、did:web、https の URL のいずれでもありません" },
	{ "typ is \"%s\", not \"JWT\"",
	    "typ が \"JWT\" ではなく \"%s\" です" },
	{ "valid",
	    "有効" },
	{ "verification.type is %s, not SignedBadge",
	    "verification.type が SignedBadge ではなく %s です" },
	{ "within the issuer's startsWith policy",
	    "発行者の startsWith ポリシーの範囲内です" },
	{ "zlib does not initialize",
	    "zlib を初期化できません" },
};
static const size_t vmsg_ncat = sizeof(vmsg_cat) / sizeof(vmsg_cat[0]);

/*
 * Messages of lower modules (keys, JWS, proofs, JSON-LD) that checks
 * quote: patterns whose %s matches any text, most specific first.
 */
static const struct vmsg_entry vmsg_pat[] = {
	{ "proof: canonicalization of the %s failed: %s",
	    "証明：%s の正規化に失敗しました：%s" },
	{ "jsonld: %s: term \"%s\" is not defined by the active context (it would be dropped)",
	    "jsonld：%s：用語 \"%s\" がコンテキストで定義されていません（失われます）" },
	{ "jsonld: %s: context %s is not compiled into badgegen (contexts are never fetched)",
	    "jsonld：%s：コンテキスト %s は badgegen に組み込まれていません（コンテキストを取得することはありません）" },
	{ "jsonld: %s: %s",
	    "jsonld：%s：%s" },
	{ "proof: unsupported proof type %s",
	    "証明：対応していない証明の種類 %s" },
	{ "proof: unsupported cryptosuite %s",
	    "証明：対応していない暗号スイート %s" },
	{ "proof: proofPurpose must be assertionMethod, not %s",
	    "証明：proofPurpose は %s ではなく assertionMethod でなければなりません" },
	{ "proof: %s is not a did:key",
	    "証明：%s は did:key ではありません" },
	{ "%s: %s signature does not verify with the %s key",
	    "%s：%s の署名を %s の鍵で確認できません" },
	{ "proof: signature does not match",
	    "証明：署名が一致しません" },
	{ "proof: no proofValue",
	    "証明：proofValue がありません" },
	{ "proof: no verificationMethod",
	    "証明：verificationMethod がありません" },
	{ "proof: the document has no @context",
	    "証明：文書に @context がありません" },
	{ "proof: DataIntegrityProof without a cryptosuite",
	    "証明：cryptosuite のない DataIntegrityProof" },
	{ "proof: no type",
	    "証明：種類（type）がありません" },
	{ "%s: header: alg %s (an unsigned JWS) is refused",
	    "%s：ヘッダー：alg %s（署名のない JWS）は受け付けません" },
	{ "%s: header: unsupported alg %s",
	    "%s：ヘッダー：対応していない alg %s" },
};
static const size_t vmsg_npat = sizeof(vmsg_pat) / sizeof(vmsg_pat[0]);


const struct vmsg_entry *
vmsg_catalog(size_t *n)
{
	*n = vmsg_ncat;
	return vmsg_cat;
}

const struct vmsg_entry *
vmsg_patterns(size_t *n)
{
	*n = vmsg_npat;
	return vmsg_pat;
}

void
vmsg_reg_init(struct vmsg_reg *r, struct arena *a)
{
	memset(r, 0, sizeof(*r));
	r->a = a;
}

void
vmsg_reg_add(struct vmsg_reg *r, const char *en, const char *ja)
{
	const char **ne, **nj;

	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		ne = arena_alloc(r->a, r->cap * sizeof(*ne));
		nj = arena_alloc(r->a, r->cap * sizeof(*nj));
		if (r->n > 0) {
			memcpy(ne, r->en, r->n * sizeof(*ne));
			memcpy(nj, r->ja, r->n * sizeof(*nj));
		}
		r->en = ne;
		r->ja = nj;
	}
	r->en[r->n] = en;
	r->ja[r->n++] = ja;
}

static int
cmp_entry(const void *key, const void *e)
{
	return strcmp(key, ((const struct vmsg_entry *)e)->en);
}

/* The catalog's entry for the English format fmt, or NULL. */
static const struct vmsg_entry *
lookup(const char *fmt)
{
	return bsearch(fmt, vmsg_cat, vmsg_ncat, sizeof(vmsg_cat[0]),
	    cmp_entry);
}

const char *
vmsg_ja(const char *en)
{
	const struct vmsg_entry *e;

	if (en == NULL || strchr(en, '%') != NULL ||
	    (e = lookup(en)) == NULL)
		return NULL;
	return e->ja;
}

const char *
vmsg_reg_ja(const struct vmsg_reg *r, const char *s)
{
	const char *j;
	size_t i;

	if (s == NULL)
		return NULL;
	for (i = r != NULL ? r->n : 0; i > 0; i--)
		if (r->en[i - 1] == s)
			return r->ja[i - 1];
	return (j = vmsg_ja(s)) != NULL ? j : s;
}

/*
 * The conversion at *p (just after '%'): its kind and, for a
 * positional one (%2$s), its index into *pos (else -1).  Moves *p past
 * it.  Returns 0, 1 for "%%", -1 for a conversion not supported.
 */
static int
conversion(const char **p, enum arg_kind *kind, int *pos)
{
	const char *s = *p;

	*pos = -1;
	if (*s == '%') {
		*p = s + 1;
		return 1;
	}
	if (s[0] >= '1' && s[0] <= '9' && s[1] == '$') {
		*pos = s[0] - '1';
		s += 2;
	}
	if (strncmp(s, "s", 1) == 0) {
		*kind = ARG_STR;
		s += 1;
	} else if (strncmp(s, ".*s", 3) == 0) {
		*kind = ARG_PSTR;
		s += 3;
	} else if (strncmp(s, "d", 1) == 0) {
		*kind = ARG_INT;
		s += 1;
	} else if (strncmp(s, "u", 1) == 0) {
		*kind = ARG_UINT;
		s += 1;
	} else if (strncmp(s, "zu", 2) == 0) {
		*kind = ARG_SIZE;
		s += 2;
	} else if (strncmp(s, "llu", 3) == 0) {
		*kind = ARG_ULL;
		s += 3;
	} else
		return -1;
	*p = s;
	return 0;
}

/* Reads the arguments of fmt from ap into args; returns how many. */
static size_t
read_args(struct arg *args, const char *fmt, va_list ap)
{
	const char *p = fmt;
	enum arg_kind k;
	size_t n = 0;
	int pos, rc;

	while ((p = strchr(p, '%')) != NULL) {
		p++;
		if ((rc = conversion(&p, &k, &pos)) != 0) {
			if (rc < 0)
				break;
			continue;
		}
		if (n == MAX_ARGS)
			break;
		args[n].kind = k;
		switch (k) {
		case ARG_STR:
			args[n].s = va_arg(ap, const char *);
			break;
		case ARG_PSTR:
			args[n].prec = va_arg(ap, int);
			args[n].s = va_arg(ap, const char *);
			break;
		case ARG_INT:
			args[n].i = va_arg(ap, int);
			break;
		case ARG_UINT:
			args[n].u = va_arg(ap, unsigned);
			break;
		case ARG_SIZE:
			args[n].u = va_arg(ap, size_t);
			break;
		case ARG_ULL:
			args[n].u = va_arg(ap, unsigned long long);
			break;
		}
		n++;
	}
	return n;
}

/* Writes fmt with args; ja: %s arguments in Japanese (reg). */
static void
write_fmt(struct buf *out, const char *fmt, const struct arg *args,
    size_t nargs, const struct vmsg_reg *reg, bool ja)
{
	const char *p = fmt, *q, *s;
	enum arg_kind k;
	size_t next = 0, i;
	int pos, rc;

	while ((q = strchr(p, '%')) != NULL) {
		buf_put(out, p, (size_t)(q - p));
		p = q + 1;
		if ((rc = conversion(&p, &k, &pos)) != 0) {
			if (rc > 0)
				buf_putc(out, '%');
			else
				buf_putc(out, '%');
			continue;
		}
		i = pos >= 0 ? (size_t)pos : next++;
		if (i >= nargs)
			continue;
		switch (args[i].kind) {
		case ARG_STR:
			s = args[i].s != NULL ? args[i].s : "(null)";
			buf_puts(out, ja ? vmsg_reg_ja(reg, s) : s);
			break;
		case ARG_PSTR:
			buf_put(out, args[i].s, args[i].prec < 0 ? 0 :
			    strnlen(args[i].s, (size_t)args[i].prec));
			break;
		case ARG_INT:
			buf_printf(out, "%d", args[i].i);
			break;
		default:
			buf_printf(out, "%llu", args[i].u);
			break;
		}
	}
	buf_puts(out, p);
}

void
vmsg_vformat(struct buf *en, struct buf *ja, const struct vmsg_reg *reg,
    const char *fmt, va_list ap)
{
	const struct vmsg_entry *e = lookup(fmt);
	struct arg args[MAX_ARGS];
	size_t n;
	va_list aq;

	va_copy(aq, ap);
	n = read_args(args, fmt, aq);
	va_end(aq);
	write_fmt(en, fmt, args, n, reg, false);
	write_fmt(ja, e != NULL ? e->ja : fmt, args, n, reg, true);
}

/*
 * Whether text[0..len) matches pattern pat whole, each "%s" matching
 * one or more characters; the parts go to parts (at most MAX_ARGS).
 */
static bool
match(const char *pat, const char *text, size_t len, const char **parts,
    size_t *plen, size_t np)
{
	const char *s = strstr(pat, "%s");
	size_t lit, i;

	if (s == NULL)
		return strlen(pat) == len && memcmp(pat, text, len) == 0;
	lit = (size_t)(s - pat);
	if (len < lit || memcmp(pat, text, lit) != 0 || np == MAX_ARGS)
		return false;
	for (i = lit + 1; i <= len; i++) {
		parts[np] = text + lit;
		plen[np] = i - lit;
		if (match(s + 2, text + i, len - i, parts, plen, np + 1))
			return true;
	}
	return false;
}

static void
translate(struct buf *out, const char *text, size_t len, int depth)
{
	const char *parts[MAX_ARGS], *p, *q;
	size_t plen[MAX_ARGS], i, k;
	char *one;

	for (i = 0; depth < 4 && i < vmsg_npat; i++) {
		memset(parts, 0, sizeof(parts));
		if (!match(vmsg_pat[i].en, text, len, parts, plen, 0))
			continue;
		for (p = vmsg_pat[i].ja, k = 0; (q = strstr(p, "%s")) != NULL;
		    p = q + 2, k++) {
			buf_put(out, p, (size_t)(q - p));
			translate(out, parts[k], plen[k], depth + 1);
		}
		buf_puts(out, p);
		return;
	}
	one = xstrndup(text, len);
	buf_puts(out, vmsg_ja(one) != NULL ? vmsg_ja(one) : one);
	free(one);
}

void
vmsg_translate(struct buf *out, const char *text)
{
	translate(out, text, strlen(text), 0);
}

/* Whether s starts with an instant "YYYY-MM-DDTHH:MM:SSZ". */
static bool
is_instant(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' :
		    s[i] != shape[i])
			return false;
	return true;
}

void
vmsg_local_dates(struct buf *out, const char *text, const struct tz *tz,
    const char *lang, bool html)
{
	const char *p = text, *q;
	int64_t t;
	char iso[21];

	for (q = p; *q != '\0'; q++) {
		if (!is_instant(q))
			continue;
		memcpy(iso, q, 20);
		iso[20] = '\0';
		if (date_parse(&t, NULL, iso) < 0)
			continue;
		if (html) {
			esc_html(out, p, (size_t)(q - p));
			buf_printf(out, "<time datetime=\"%s\">", iso);
		} else
			buf_put(out, p, (size_t)(q - p));
		date_format(out, t, tz, lang, DATE_LONG_TIME);
		if (html)
			BUF_PUTSL(out, "</time>");
		p = q + 20;
		q = p - 1;
	}
	if (html)
		esc_html(out, p, strlen(p));
	else
		buf_puts(out, p);
}

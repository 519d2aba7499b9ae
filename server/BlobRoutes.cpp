#include "BlobRoutes.h"

#include "Auth.h"
#include "Ids.h"
#include "storage/Database.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace benchtop::server {
namespace {

// S3's rule, which Benchling's multi-part upload follows: every part but the last is >= 5 MiB.
constexpr qint64 kMinPartBytes = 5 * 1024 * 1024;
constexpr qint64 kUrlLifetimeSeconds = 3600;

const QStringList kBlobTypes{u"RAW_FILE"_s, u"VISUALIZATION"_s};

QJsonObject blobJson(const QSqlQuery &query)
{
    // Columns: id, name, mime_type, type, upload_status.
    return {{u"id"_s, query.value(0).toString()},
            {u"name"_s, query.value(1).toString()},
            {u"mimeType"_s, query.value(2).toString()},
            {u"type"_s, query.value(3).toString()},
            {u"uploadStatus"_s, query.value(4).toString()}};
}

const QString kBlobColumns = u"SELECT id, name, mime_type, type, upload_status FROM blobs"_s;

std::optional<QJsonObject> blobById(Database &db, const QString &id)
{
    QSqlQuery query = db.exec(kBlobColumns + u" WHERE id = ?"_s, {id});
    if (!query.next())
        return std::nullopt;
    return blobJson(query);
}

http::HttpResponse blobNotFound(const QString &id)
{
    return notFound(u"No blob has the id %1."_s.arg(id), id);
}

QString md5Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex());
}

// Decodes data64 strictly; a message for the 400 otherwise.
std::optional<QByteArray> decode64(const QString &text, QString *error)
{
    const auto decoded =
        QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *error = u"Field 'data64' is not valid base64."_s;
        return std::nullopt;
    }
    return *decoded;
}

// Checks that `md5` (hex, any case) is the MD5 of `data`.
std::optional<QString> md5Mismatch(const QByteArray &data, const QString &md5)
{
    const QString actual = md5Hex(data);
    if (md5.compare(actual, Qt::CaseInsensitive) == 0)
        return std::nullopt;
    return u"Field 'md5' (%1) does not match the MD5 of the data received (%2); the data was "
           "damaged in transit or the hash is of something else (it must be the hash of the raw "
           "bytes, not of their base64)."_s.arg(md5, actual);
}

// Reads name, type and mimeType of a create body into *fields; false if the body failed.
bool readBlobFields(JsonBody &body, QString *name, QString *type, QString *mimeType)
{
    *name = body.string(u"name"_s);
    *type = body.oneOf(u"type"_s, kBlobTypes);
    *mimeType = body.string(u"mimeType"_s, u"application/octet-stream"_s);
    if (!body.ok())
        return false;
    if (name->isEmpty())
        body.fail(u"Field 'name' must not be empty."_s);
    else if (name->size() > 1000)
        body.fail(u"Field 'name' is longer than 1000 characters."_s);
    else if (mimeType->size() > 100)
        body.fail(u"Field 'mimeType' is longer than 100 characters."_s);
    return body.ok();
}

QString randomSecret()
{
    return QUuid::createUuid().toString(QUuid::Id128) + QUuid::createUuid().toString(QUuid::Id128);
}

http::HttpResponse createBlob(ServerContext &server, const RequestContext &context)
{
    JsonBody body(context.request.body);
    body.allowOnly({u"data64"_s, u"md5"_s, u"mimeType"_s, u"name"_s, u"type"_s})
        .require({u"name"_s, u"type"_s, u"data64"_s, u"md5"_s});
    QString name, type, mimeType;
    const QString data64 = body.string(u"data64"_s);
    const QString md5 = body.string(u"md5"_s);
    if (!readBlobFields(body, &name, &type, &mimeType))
        return body.failure()->response();
    QString error;
    const auto data = decode64(data64, &error);
    if (!data)
        return badRequest(error);
    if (const auto mismatch = md5Mismatch(*data, md5))
        return badRequest(*mismatch);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString now = timestampNow();
    QSqlQuery insert = server.db.exec(
        u"INSERT INTO blobs (id, name, mime_type, type, upload_status, content, size, md5, "
        "download_secret, creator_id, created_at, modified_at) VALUES (?, ?, ?, ?, 'COMPLETE', "
        "?, ?, ?, ?, ?, ?, ?)"_s,
        {id, name, mimeType, type, *data, qint64(data->size()), md5Hex(*data), randomSecret(),
         context.principal.userId, now, now});
    if (insert.lastError().isValid())
        return internalError();
    return jsonResponse(200, *blobById(server.db, id));
}

http::HttpResponse startMultipart(ServerContext &server, const RequestContext &context)
{
    JsonBody body(context.request.body);
    body.allowOnly({u"mimeType"_s, u"name"_s, u"type"_s}).require({u"name"_s, u"type"_s});
    QString name, type, mimeType;
    if (!readBlobFields(body, &name, &type, &mimeType))
        return body.failure()->response();
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString now = timestampNow();
    QSqlQuery insert = server.db.exec(
        u"INSERT INTO blobs (id, name, mime_type, type, upload_status, size, download_secret, "
        "creator_id, created_at, modified_at) VALUES (?, ?, ?, ?, 'IN_PROGRESS', 0, ?, ?, ?, ?)"_s,
        {id, name, mimeType, type, randomSecret(), context.principal.userId, now, now});
    if (insert.lastError().isValid())
        return internalError();
    return jsonResponse(200, *blobById(server.db, id));
}

// The blob of the path, if it is an upload still open; else the answer to give.
std::variant<QJsonObject, http::HttpResponse> openUpload(ServerContext &server,
                                                         const RequestContext &context)
{
    const QString id = context.param(u"blob_id"_s);
    const auto blob = blobById(server.db, id);
    if (!blob)
        return blobNotFound(id);
    const QString status = blob->value(u"uploadStatus"_s).toString();
    if (status != u"IN_PROGRESS"_s) {
        return apiError(
            400, u"invalid_request_error"_s,
            u"Blob %1 is not an upload in progress (its uploadStatus is %2)."_s.arg(id, status),
            id);
    }
    return *blob;
}

http::HttpResponse uploadPart(ServerContext &server, const RequestContext &context)
{
    const auto blob = openUpload(server, context);
    if (const auto *answer = std::get_if<http::HttpResponse>(&blob))
        return *answer;
    const QString id = context.param(u"blob_id"_s);
    JsonBody body(context.request.body);
    body.allowOnly({u"data64"_s, u"md5"_s, u"partNumber"_s})
        .require({u"partNumber"_s, u"data64"_s, u"md5"_s});
    const auto partNumber = body.integer(u"partNumber"_s);
    const QString data64 = body.string(u"data64"_s);
    const QString md5 = body.string(u"md5"_s);
    if (!body.ok())
        return body.failure()->response();
    if (!partNumber || *partNumber < 1 || *partNumber > 10000)
        return badRequest(u"Field 'partNumber' must be a whole number from 1 to 10000."_s);
    QString error;
    const auto data = decode64(data64, &error);
    if (!data)
        return badRequest(error);
    if (const auto mismatch = md5Mismatch(*data, md5))
        return badRequest(*mismatch);
    // A part sent again replaces the earlier one (as S3 does).
    server.db.exec(u"DELETE FROM blob_parts WHERE blob_id = ? AND part_number = ?"_s,
                   {id, *partNumber});
    const QString hash = md5Hex(*data);
    QSqlQuery insert =
        server.db.exec(u"INSERT INTO blob_parts (blob_id, part_number, content, "
                       "size, md5, created_at) VALUES (?, ?, ?, ?, ?, ?)"_s,
                       {id, *partNumber, *data, qint64(data->size()), hash, timestampNow()});
    if (insert.lastError().isValid())
        return internalError();
    return jsonResponse(
        200, {{u"partNumber"_s, int(*partNumber)}, {u"eTag"_s, QString(u'"' + hash + u'"')}});
}

http::HttpResponse completeUpload(ServerContext &server, const RequestContext &context)
{
    const auto blob = openUpload(server, context);
    if (const auto *answer = std::get_if<http::HttpResponse>(&blob))
        return *answer;
    const QString id = context.param(u"blob_id"_s);
    JsonBody body(context.request.body);
    body.allowOnly({u"parts"_s});
    const QJsonArray parts = body.array(u"parts"_s);
    if (!body.ok())
        return body.failure()->response();
    if (parts.isEmpty())
        return badRequest(u"Field 'parts' must list the parts of the blob, in order."_s);
    QByteArray content;
    qint64 previous = 0;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (!parts[i].isObject())
            return badRequest(u"Item %1 of 'parts' must be an object."_s.arg(i));
        JsonBody part(parts[i].toObject(), u"Item %1 of 'parts'"_s.arg(i));
        part.allowOnly({u"partNumber"_s, u"eTag"_s}).require({u"partNumber"_s, u"eTag"_s});
        const auto number = part.integer(u"partNumber"_s);
        QString eTag = part.string(u"eTag"_s);
        if (!part.ok())
            return part.failure()->response();
        if (!number || *number <= previous) {
            return badRequest(
                u"Item %1 of 'parts': part numbers must be listed in ascending order, each "
                "once."_s.arg(i));
        }
        previous = *number;
        QSqlQuery stored = server.db.exec(
            u"SELECT content, md5 FROM blob_parts WHERE blob_id = ? AND part_number = ?"_s,
            {id, *number});
        if (!stored.next()) {
            return badRequest(u"Part %1 of blob %2 was never uploaded (or was replaced by an "
                              "abort); upload it before completing."_s.arg(*number)
                                  .arg(id));
        }
        if (eTag.size() >= 2 && eTag.startsWith(u'"') && eTag.endsWith(u'"'))
            eTag = eTag.mid(1, eTag.size() - 2);
        if (eTag.compare(stored.value(1).toString(), Qt::CaseInsensitive) != 0) {
            return badRequest(
                u"Part %1: eTag %2 does not match the part received (\"%3\"); "
                "upload the part again."_s.arg(*number)
                    .arg(part.object().value(u"eTag"_s).toString(), stored.value(1).toString()));
        }
        const QByteArray bytes = stored.value(0).toByteArray();
        if (i + 1 < parts.size() && bytes.size() < kMinPartBytes) {
            return badRequest(u"Part %1 holds %2 bytes; every part but the last must hold at "
                              "least 5 MiB (5242880 bytes)."_s.arg(*number)
                                  .arg(bytes.size()));
        }
        content += bytes;
    }
    const QString now = timestampNow();
    QSqlQuery update = server.db.exec(
        u"UPDATE blobs SET content = ?, size = ?, md5 = ?, upload_status = 'COMPLETE', "
        "modified_at = ? WHERE id = ?"_s,
        {content, qint64(content.size()), md5Hex(content), now, id});
    if (update.lastError().isValid() ||
        server.db.exec(u"DELETE FROM blob_parts WHERE blob_id = ?"_s, {id}).lastError().isValid())
        return internalError();
    return jsonResponse(200, *blobById(server.db, id));
}

http::HttpResponse abortUpload(ServerContext &server, const RequestContext &context)
{
    const auto blob = openUpload(server, context);
    if (const auto *answer = std::get_if<http::HttpResponse>(&blob))
        return *answer;
    const QString id = context.param(u"blob_id"_s);
    if (!context.request.body.trimmed().isEmpty()) {
        JsonBody body(context.request.body);
        body.allowOnly({});
        if (!body.ok())
            return body.failure()->response();
    }
    if (server.db.exec(u"DELETE FROM blob_parts WHERE blob_id = ?"_s, {id}).lastError().isValid() ||
        server.db
            .exec(u"UPDATE blobs SET upload_status = 'ABORTED', modified_at = ? WHERE id = ?"_s,
                  {timestampNow(), id})
            .lastError()
            .isValid())
        return internalError();
    return jsonResponse(200, {});
}

QString signature(const QString &secret, const QString &id, qint64 expires)
{
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(QString(id + u':' + QString::number(expires)).toUtf8(),
                                         secret.toUtf8(), QCryptographicHash::Sha256)
            .toHex());
}

http::HttpResponse download(ServerContext &server, const RequestContext &context)
{
    const QString id = context.param(u"blob_id"_s);
    const QUrlQuery &query = context.request.query;
    const bool signedUrl = query.hasQueryItem(u"signature"_s);
    // The route is public so that a signed URL works without a key; anything else needs one.
    if (!signedUrl && !ApiKeys(server.db).authenticate(context.request.header("authorization"))) {
        return unauthorized(u"Authentication failed: send a valid API key as the user name "
                            "of HTTP Basic authentication, or use a URL from download-url."_s);
    }
    QSqlQuery row = server.db.exec(
        u"SELECT name, mime_type, upload_status, content, download_secret FROM blobs "
        "WHERE id = ?"_s,
        {id});
    if (signedUrl) {
        const qint64 expires = query.queryItemValue(u"expires"_s).toLongLong();
        const bool valid = row.next() &&
                           signature(row.value(4).toString(), id, expires) ==
                               query.queryItemValue(u"signature"_s) &&
                           expires >= QDateTime::currentSecsSinceEpoch();
        if (!valid) {
            return apiError(403, u"invalid_request_error"_s,
                            u"This download URL is invalid or has expired; ask download-url "
                            "for a new one."_s);
        }
    } else if (!row.next()) {
        return blobNotFound(id);
    }
    if (row.value(2).toString() != u"COMPLETE"_s) {
        return apiError(400, u"invalid_request_error"_s,
                        u"Blob %1 has no content to download: its uploadStatus is %2."_s.arg(
                            id, row.value(2).toString()),
                        id);
    }
    http::HttpResponse response;
    response.status = 200;
    response.body = row.value(3).toByteArray();
    response.setHeader("Content-Type", row.value(1).toString().toUtf8());
    QString name = row.value(0).toString();
    name.replace(u'"', u'_').replace(u'\\', u'_');
    response.setHeader("Content-Disposition",
                       "attachment; filename*=UTF-8''" + QUrl::toPercentEncoding(name));
    return response;
}

http::HttpResponse bulkGetBlobs(ServerContext &server, const RequestContext &context)
{
    const QStringList ids =
        splitList(context.request.query.queryItemValue(u"blobIds"_s, QUrl::FullyDecoded));
    if (ids.isEmpty())
        return badRequest(u"Name the blobs to get with blobIds."_s);
    if (ids.size() > 100)
        return badRequest(u"A bulk get takes at most 100 ids."_s);
    QJsonArray blobs;
    QStringList missing;
    for (const QString &id : ids) {
        if (const auto blob = blobById(server.db, id))
            blobs.append(*blob);
        else
            missing.append(id);
    }
    if (!missing.isEmpty()) {
        return apiError(400, u"invalid_request_error"_s,
                        u"No blobs exist with these blobIds: %1"_s.arg(missing.join(u", "_s)),
                        missing.first());
    }
    return jsonResponse(200, {{u"blobs"_s, blobs}});
}

} // namespace

std::optional<BlobInfo> findBlob(Database &db, const QString &id)
{
    QSqlQuery query = db.exec(u"SELECT name, upload_status, size FROM blobs WHERE id = ?"_s, {id});
    if (!query.next())
        return std::nullopt;
    return BlobInfo{id, query.value(0).toString(), query.value(1).toString(),
                    query.value(2).toLongLong()};
}

QString signedBlobUrl(Database &db, const RequestContext &context, const QString &blobId,
                      qint64 *expiresAt)
{
    QSqlQuery query = db.exec(u"SELECT download_secret FROM blobs WHERE id = ?"_s, {blobId});
    if (!query.next())
        return {};
    const qint64 expires = QDateTime::currentSecsSinceEpoch() + kUrlLifetimeSeconds;
    *expiresAt = expires;
    return context.baseUrl + u"/api/v2/blobs/"_s + blobId + u"/download?expires="_s +
           QString::number(expires) + u"&signature="_s +
           signature(query.value(0).toString(), blobId, expires);
}

void addBlobRoutes(Router &router, ServerContext &server)
{
    ServerContext *s = &server;
    router.add("POST", u"/api/v2/blobs"_s,
               [s](const RequestContext &c) { return createBlob(*s, c); });
    router.add("POST", u"/api/v2/blobs:start-multipart-upload"_s,
               [s](const RequestContext &c) { return startMultipart(*s, c); });
    router.add("GET", u"/api/v2/blobs:bulk-get"_s,
               [s](const RequestContext &c) { return bulkGetBlobs(*s, c); });
    router.add("GET", u"/api/v2/blobs/{blob_id}"_s, [s](const RequestContext &c) {
        const QString id = c.param(u"blob_id"_s);
        const auto blob = blobById(s->db, id);
        return blob ? jsonResponse(200, *blob) : blobNotFound(id);
    });
    router.add(
        "GET", u"/api/v2/blobs/{blob_id}/download"_s,
        [s](const RequestContext &c) { return download(*s, c); }, Router::Access::Public);
    router.add("GET", u"/api/v2/blobs/{blob_id}/download-url"_s, [s](const RequestContext &c) {
        const QString id = c.param(u"blob_id"_s);
        const auto blob = findBlob(s->db, id);
        if (!blob)
            return blobNotFound(id);
        if (blob->uploadStatus != u"COMPLETE"_s) {
            return apiError(400, u"invalid_request_error"_s,
                            u"Blob %1 has no content to download: its uploadStatus is %2."_s.arg(
                                id, blob->uploadStatus),
                            id);
        }
        qint64 expiresAt = 0;
        const QString url = signedBlobUrl(s->db, c, id, &expiresAt);
        return jsonResponse(200, {{u"downloadURL"_s, url}, {u"expiresAt"_s, expiresAt}});
    });
    router.add("POST", u"/api/v2/blobs/{blob_id}/parts"_s,
               [s](const RequestContext &c) { return uploadPart(*s, c); });
    router.add("POST", u"/api/v2/blobs/{blob_id}:complete-upload"_s,
               [s](const RequestContext &c) { return completeUpload(*s, c); });
    router.add("POST", u"/api/v2/blobs/{blob_id}:abort-upload"_s,
               [s](const RequestContext &c) { return abortUpload(*s, c); });
}

} // namespace benchtop::server

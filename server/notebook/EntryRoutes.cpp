// Entries' routes beyond the shared ones and the days: GET /entries:bulk-get (by entryIds or
// displayIds) and GET /entries/{entry_id}/external-files/{external_file_id} (a signed download
// URL for a file a note of the entry names).
#include "Routes.h"

#include "server/BlobRoutes.h"
#include "server/storage/Database.h"

#include <QJsonArray>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace benchtop::server::notebook {

http::HttpResponse bulkGetEntries(ServerContext &server, const ResourceType &type,
                                  const RequestContext &context)
{
    const QStringList ids = splitList(queryValue(context, u"entryIds"_s));
    const QStringList displayIds = splitList(queryValue(context, u"displayIds"_s));
    if (ids.isEmpty() && displayIds.isEmpty())
        return badRequest(u"Name the entries to get with entryIds or displayIds."_s);
    if (ids.size() + displayIds.size() > 100)
        return badRequest(u"A bulk get takes at most 100 ids or display ids."_s);
    QStringList wanted;
    QStringList missing;
    for (const QString &id : ids) {
        if (server.resources.find(u"entry"_s, id))
            wanted.append(id);
        else
            missing.append(id);
    }
    for (const QString &displayId : displayIds) {
        QSqlQuery query = server.db.exec(
            u"SELECT entry_id FROM entry_display_ids WHERE display_id = ?"_s, {displayId});
        if (query.next())
            wanted.append(query.value(0).toString());
        else
            missing.append(displayId);
    }
    if (!missing.isEmpty()) {
        return apiError(
            400, u"invalid_request_error"_s,
            u"No entries exist with these ids or display ids: %1"_s.arg(missing.join(u", "_s)),
            missing.first());
    }
    wanted.removeDuplicates();
    SqlConditions where;
    where.addIn(u"r.id"_s, wanted);
    QJsonArray entries;
    for (const ResourceRow &row : server.resources.select(where, u"ORDER BY r.id"_s))
        entries.append(type.toJson(context, row));
    return jsonResponse(200, {{u"entries"_s, entries}});
}

http::HttpResponse externalFile(ServerContext &server, const RequestContext &context)
{
    const QString entryId = context.param(u"entry_id"_s);
    const QString fileId = context.param(u"external_file_id"_s);
    const auto entry = server.resources.find(u"entry"_s, entryId);
    if (!entry)
        return notFound(u"No entries has the id %1."_s.arg(entryId), entryId);
    bool inEntry = false;
    for (const QJsonValue &day : entry->data.value(u"days"_s).toArray())
        for (const QJsonValue &note : day.toObject().value(u"notes"_s).toArray())
            inEntry = inEntry || note.toObject().value(u"externalFileId"_s).toString() == fileId;
    const auto blob = inEntry ? findBlob(server.db, fileId) : std::nullopt;
    if (!blob) {
        return notFound(u"Entry %1 has no external file with the id %2."_s.arg(entryId, fileId),
                        fileId);
    }
    qint64 expiresAt = 0;
    const QString url = signedBlobUrl(server.db, context, fileId, &expiresAt);
    return jsonResponse(200, {{u"externalFile"_s, QJsonObject{{u"id"_s, fileId},
                                                              {u"size"_s, blob->size},
                                                              {u"downloadURL"_s, url},
                                                              {u"expiresAt"_s, expiresAt}}}});
}

} // namespace benchtop::server::notebook

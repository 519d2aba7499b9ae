#include "EntrySession.h"

#include "models/store/ResourceStore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace benchtop::models {

namespace {
// Which connections lack the days extension (learned once per base URL in this process).
QSet<QString> &readOnlyServers()
{
    static QSet<QString> servers;
    return servers;
}
// Which connections were probed already (GET /benchtop/session), so each is asked once.
QSet<QString> &probedServers()
{
    static QSet<QString> servers;
    return servers;
}
} // namespace

EntryDraftStore::EntryDraftStore(QString dir)
    : m_dir(dir.isEmpty()
                ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/drafts"_s
                : std::move(dir))
{}

QString EntryDraftStore::pathFor(const QUrl &server, const QString &entryId) const
{
    const QByteArray hash =
        QCryptographicHash::hash(server.toString().toUtf8(), QCryptographicHash::Sha1)
            .toHex()
            .left(12);
    return m_dir + u'/' + QString::fromLatin1(hash) + u'-' + entryId + u".json"_s;
}

bool EntryDraftStore::save(const QUrl &server, const QString &entryId, const Draft &draft) const
{
    QDir().mkpath(m_dir);
    QSaveFile file(pathFor(server, entryId));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(QJsonObject{{u"entryId"_s, entryId},
                                         {u"days"_s, draft.days},
                                         {u"baseModifiedAt"_s, draft.baseModifiedAt},
                                         {u"savedAt"_s, draft.savedAt}})
                   .toJson(QJsonDocument::Compact));
    return file.commit();
}

EntryDraftStore::Draft EntryDraftStore::load(const QUrl &server, const QString &entryId) const
{
    QFile file(pathFor(server, entryId));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    if (json.value(u"entryId"_s).toString() != entryId)
        return {};
    return {json.value(u"days"_s).toArray(), json.value(u"baseModifiedAt"_s).toString(),
            json.value(u"savedAt"_s).toString()};
}

void EntryDraftStore::remove(const QUrl &server, const QString &entryId) const
{
    QFile::remove(pathFor(server, entryId));
}

EntrySession::EntrySession(ApiClient *client, QString entryId, EntryDraftStore drafts,
                           ResourceStore *store, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_entryId(std::move(entryId))
    , m_drafts(std::move(drafts))
    , m_store(store)
    , m_bodyWritable(!readOnlyServers().contains(client->connection().baseUrl.toString()))
{}

QString EntrySession::bodyReadOnlyReason() const
{
    if (m_bodyWritable)
        return {};
    return tr("Read-only body: this server has no API for writing an entry's notes (Benchling's "
              "API v2 reads them only; edit them in Benchling). Name, folder, authors and fields "
              "can still be changed here.");
}

void EntrySession::setBodyWritable(bool writable)
{
    const QString server = m_client->connection().baseUrl.toString();
    if (writable)
        readOnlyServers().remove(server);
    else
        readOnlyServers().insert(server);
    if (writable == m_bodyWritable)
        return;
    m_bodyWritable = writable;
    Q_EMIT bodyWritableChanged(writable);
}

void EntrySession::forgetServer(const QUrl &baseUrl)
{
    readOnlyServers().remove(baseUrl.toString());
    probedServers().remove(baseUrl.toString());
}

void EntrySession::probeExtension()
{
    const QString server = m_client->connection().baseUrl.toString();
    if (probedServers().contains(server))
        return;
    ApiReply *reply = m_client->get(u"/benchtop/session"_s, {}, this);
    connect(reply, &ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        // Only a conclusive answer counts (a dropped connection says nothing).
        if (reply->error().httpStatus == 404)
            setBodyWritable(false);
        else if (reply->ok())
            setBodyWritable(true);
        else
            return;
        probedServers().insert(m_client->connection().baseUrl.toString());
    });
}

void EntrySession::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void EntrySession::takeEntry(const QJsonObject &entry)
{
    m_entry = entry;
    if (m_store)
        m_store->upsert(entry);
}

void EntrySession::load()
{
    setState(State::Loading);
    ApiReply *reply = m_client->get(u"/entries/"_s + m_entryId, {}, this);
    connect(reply, &ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!reply->ok()) {
            m_error = reply->error().displayMessage();
            setState(State::Failed);
            Q_EMIT failed(m_error);
            return;
        }
        takeEntry(reply->json().object().value(u"entry"_s).toObject());
        const EntryDraftStore::Draft draft =
            m_drafts.load(m_client->connection().baseUrl, m_entryId);
        if (draft.isValid()) {
            // Unsaved work from before (a crash, a lost connection): it wins over the server's
            // body; saving it checks against the version it was edited from.
            m_days = draft.days;
            m_baseModifiedAt = draft.baseModifiedAt;
            m_dirty = true;
            m_restored = true;
        } else {
            m_days = m_entry.value(u"days"_s).toArray();
            m_baseModifiedAt = modifiedAt();
            m_dirty = false;
            m_restored = false;
        }
        setState(State::Ready);
        Q_EMIT loaded();
    });
}

void EntrySession::setDays(const QJsonArray &days)
{
    if (days == m_days)
        return;
    m_days = days;
    m_dirty = true;
    m_drafts.save(
        m_client->connection().baseUrl, m_entryId,
        {m_days, m_baseModifiedAt, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)});
}

void EntrySession::save()
{
    writeDays(true);
}

void EntrySession::overwrite()
{
    writeDays(false);
}

void EntrySession::writeDays(bool withPrecondition)
{
    if (!m_bodyWritable) {
        Q_EMIT failed(bodyReadOnlyReason());
        return;
    }
    setState(State::Saving);
    QJsonObject body{{u"days"_s, m_days}};
    if (withPrecondition && !m_baseModifiedAt.isEmpty())
        body.insert(u"modifiedAt"_s, m_baseModifiedAt);
    ApiRequest request;
    request.method = "PUT";
    request.path = u"/entries/%1/days"_s.arg(m_entryId);
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.idempotent = true; // PUT replaces the whole body
    ApiReply *reply = m_client->send(request, this);
    connect(reply, &ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->ok()) {
            takeEntry(reply->json().object());
            m_days = m_entry.value(u"days"_s).toArray();
            m_baseModifiedAt = modifiedAt();
            m_dirty = false;
            m_restored = false;
            m_drafts.remove(m_client->connection().baseUrl, m_entryId);
            setState(State::Ready);
            Q_EMIT saved();
            return;
        }
        const int status = reply->error().httpStatus;
        m_error = reply->error().displayMessage();
        if (status == 409) {
            setState(State::Conflict);
            Q_EMIT conflict(tr("Someone saved this entry after you opened it. Reload to see "
                               "their version (your change is dropped), or overwrite it with "
                               "yours."));
            return;
        }
        if (status == 404 && m_entry.value(u"id"_s).toString() == m_entryId) {
            // The entry exists (we read it), so the path is what the server lacks.
            setBodyWritable(false);
            m_error = bodyReadOnlyReason();
        }
        setState(State::Failed);
        Q_EMIT failed(tr("Not saved (your text is kept as a draft): %1").arg(m_error));
    });
}

void EntrySession::reload()
{
    m_drafts.remove(m_client->connection().baseUrl, m_entryId);
    m_dirty = false;
    load();
}

void EntrySession::discardDraft()
{
    m_drafts.remove(m_client->connection().baseUrl, m_entryId);
    m_days = m_entry.value(u"days"_s).toArray();
    m_baseModifiedAt = modifiedAt();
    m_dirty = false;
    m_restored = false;
}

void EntrySession::setStore(ResourceStore *store)
{
    m_store = store;
}

void EntrySession::patchEntry(const QJsonObject &changes)
{
    ApiReply *reply = m_client->patch(u"/entries/"_s + m_entryId, changes, this);
    connect(reply, &ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!reply->ok()) {
            m_error = reply->error().displayMessage();
            const QString message = tr("The entry was not changed: %1").arg(m_error);
            Q_EMIT patchFailed(message);
            Q_EMIT failed(message);
            return;
        }
        const QJsonObject entry = reply->json().object();
        // The body edited so far stays. Our own change moved the server's modifiedAt: when the
        // body was edited from the version just before it, it now stands on the new one.
        const bool baseWasCurrent = m_baseModifiedAt == modifiedAt();
        takeEntry(entry);
        if (baseWasCurrent)
            m_baseModifiedAt = modifiedAt();
        if (!m_dirty) {
            m_baseModifiedAt = modifiedAt();
            m_days = m_entry.value(u"days"_s).toArray();
        }
        Q_EMIT patched();
    });
}

} // namespace benchtop::models

// One notebook entry open for reading or editing: what the server last said (the entry JSON
// and its modifiedAt), the body being edited (days), and the draft kept on disk so nothing typed
// is lost to a crash or a dropped connection.
//
// Saving writes the body with the lab server's extension, PUT /entries/{id}/days
// (docs/api-extensions.md), with the modifiedAt the editor read as a precondition:
//   200  saved: the answer becomes the entry, the draft is deleted;
//   409  someone saved meanwhile: conflict() — the caller offers reload() (drop the local body)
//        or overwrite() (save again over the server's version); the draft stays until then;
//   404  from the days path while the entry exists: the server has no such extension (a real
//        Benchling tenant); the body becomes read-only (bodyWritable() false) for the
//        connection, and bodyReadOnlyReason() says why. Any other failure keeps the draft.
// Name, folder, authors and schema fields go through PATCH /entries/{id} (API v2 proper).
#pragma once

#include "models/api/ApiClient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace benchtop::models {

class ResourceStore;

// Drafts of entry bodies on disk: <dir>/<server hash>-<entry id>.json, written atomically.
class EntryDraftStore
{
public:
    // `dir` empty: QStandardPaths::AppDataLocation/drafts.
    explicit EntryDraftStore(QString dir = {});
    QString dir() const { return m_dir; }
    struct Draft
    {
        QJsonArray days;
        QString baseModifiedAt; // the server version the draft was edited from
        QString savedAt;
        bool isValid() const { return !savedAt.isEmpty(); }
    };
    bool save(const QUrl &server, const QString &entryId, const Draft &draft) const;
    Draft load(const QUrl &server, const QString &entryId) const;
    void remove(const QUrl &server, const QString &entryId) const;

private:
    QString pathFor(const QUrl &server, const QString &entryId) const;
    QString m_dir;
};

class EntrySession : public QObject
{
    Q_OBJECT
public:
    enum class State { Loading, Ready, Saving, Conflict, Failed };
    Q_ENUM(State)

    EntrySession(ApiClient *client, QString entryId, EntryDraftStore drafts = EntryDraftStore(),
                 ResourceStore *store = nullptr, QObject *parent = nullptr);

    QString entryId() const { return m_entryId; }
    State state() const { return m_state; }
    QJsonObject entry() const { return m_entry; }
    QString modifiedAt() const { return m_entry.value(QStringLiteral("modifiedAt")).toString(); }
    // The body as edited (the server's days until the first edit).
    QJsonArray days() const { return m_days; }
    bool isDirty() const { return m_dirty; }
    bool restoredFromDraft() const { return m_restored; }
    QString lastError() const { return m_error; }

    // Whether this connection can write bodies (false after a 404 on PUT …/days, or when told
    // so by probeExtension()).
    bool bodyWritable() const { return m_bodyWritable; }
    QString bodyReadOnlyReason() const;
    // Probes once per connection (base URL, per process) with GET /benchtop/session: a 404
    // means a real tenant. Later sessions of the same connection take the answer as known.
    void probeExtension();
    // Forgets what was learned about a connection (it may be another server now).
    static void forgetServer(const QUrl &baseUrl);

    void load();
    // The editor changed the body: kept in memory and written to the draft at once.
    void setDays(const QJsonArray &days);
    void save();
    // After a conflict: take the server's version, dropping the local change (and draft).
    void reload();
    // After a conflict: write the local body over the server's newer one.
    void overwrite();
    void discardDraft();
    // PATCH /entries/{id} with name, folderId, authorIds, fields as given.
    void patchEntry(const QJsonObject &changes);
    // Where the entry goes after a load or save (the entry lists follow it), when set later.
    void setStore(ResourceStore *store);

Q_SIGNALS:
    void loaded();
    void saved();
    void conflict(const QString &message);
    void failed(const QString &message);
    void stateChanged(benchtop::models::EntrySession::State state);
    void bodyWritableChanged(bool writable);
    void patched();
    // A PATCH the server refused (failed() is emitted too, with the same message).
    void patchFailed(const QString &message);

private:
    void setState(State state);
    void writeDays(bool withPrecondition);
    void takeEntry(const QJsonObject &entry);
    void setBodyWritable(bool writable);

    ApiClient *m_client;
    QString m_entryId;
    EntryDraftStore m_drafts;
    QPointer<ResourceStore> m_store;
    QJsonObject m_entry;
    QJsonArray m_days;
    QString m_baseModifiedAt;
    State m_state = State::Loading;
    QString m_error;
    bool m_dirty = false;
    bool m_restored = false;
    bool m_bodyWritable = true;
};

} // namespace benchtop::models

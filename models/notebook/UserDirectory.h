// The tenant's users (GET /users, every page), for choosing an entry's authors: one row per
// user, the name as display text and the id in IdRole. Loaded on first need; a lab has tens of
// users, not thousands.
#pragma once

#include "models/Roles.h"
#include "models/api/ApiClient.h"

#include <QPointer>
#include <QStandardItemModel>

namespace benchtop::models {

class UserDirectory : public QStandardItemModel
{
    Q_OBJECT
public:
    explicit UserDirectory(ApiClient *client, QObject *parent = nullptr);
    // Loads once (again only after a failure).
    void ensureLoaded();
    LoadState loadState() const { return m_state; }
    QString errorMessage() const { return m_error; }

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    void fetch(const QString &token);
    ApiClient *m_client;
    QPointer<ApiReply> m_reply;
    LoadState m_state = LoadState::NotLoaded;
    QString m_error;
};

} // namespace benchtop::models

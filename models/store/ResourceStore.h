// The resource store: one per connection, each API resource held once by its id, shared by every
// model and view. It is the only place that writes resources; models subscribe to changed(id)
// and map the id to their rows (DESIGN §2).
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>

namespace benchtop::models {

class ResourceStore : public QObject
{
    Q_OBJECT
public:
    explicit ResourceStore(QObject *parent = nullptr);

    bool contains(const QString &id) const { return m_resources.contains(id); }
    // The resource as last seen, or an empty object.
    QJsonObject value(const QString &id) const { return m_resources.value(id); }
    qsizetype size() const { return m_resources.size(); }

    // Takes the server's version of a resource (it must have an "id"). Emits changed(id) when it
    // is new or differs from what was held, and nothing when it is the same.
    void upsert(const QJsonObject &resource);
    void remove(const QString &id);

Q_SIGNALS:
    void changed(const QString &id);
    void removed(const QString &id);

private:
    QHash<QString, QJsonObject> m_resources;
};

} // namespace benchtop::models

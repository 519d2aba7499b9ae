#include "StorageInspector.h"

#include "models/inventory/InventoryActions.h"
#include "models/store/ResourceStore.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace benchtop::widgets {

StorageInspector::StorageInspector(models::ResourceStore *store, models::InventoryActions *actions,
                                   QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_actions(actions)
    , m_title(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_barcode(new QLabel(this))
    , m_location(new QLabel(this))
    , m_fields(new QFormLayout)
    , m_contents(new QLabel(this))
    , m_quantity(new QLabel(this))
    , m_status(new QLabel(this))
    , m_checkoutBox(new QWidget(this))
    , m_assignee(new QComboBox(this))
    , m_comment(new QLineEdit(this))
    , m_archiveReason(new QComboBox(this))
    , m_archive(new QPushButton(tr("Archive"), this))
    , m_openSequence(new QPushButton(tr("Open sequence"), this))
    , m_message(new QLabel(this))
{
    setMinimumWidth(240);
    m_title->setStyleSheet(u"font-weight: 600; font-size: 12pt;"_s);
    m_title->setWordWrap(true);
    m_contents->setWordWrap(true);
    m_location->setWordWrap(true);
    m_message->setWordWrap(true);
    m_comment->setPlaceholderText(tr("Comment"));
    for (const QString &reason : {u"Retired"_s, u"Expended"_s, u"Shipped"_s, u"Contaminated"_s,
                                  u"Expired"_s, u"Missing"_s, u"Other"_s})
        m_archiveReason->addItem(reason);

    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Barcode"), m_barcode);
    form->addRow(tr("Where"), m_location);
    form->addRow(tr("Contents"), m_contents);
    form->addRow(tr("Quantity"), m_quantity);
    form->addRow(tr("Status"), m_status);
    auto *save = new QPushButton(tr("Save changes"), this);

    auto *checkout = new QFormLayout(m_checkoutBox);
    checkout->setContentsMargins(0, 0, 0, 0);
    checkout->addRow(tr("Assignee"), m_assignee);
    checkout->addRow(tr("Comment"), m_comment);
    auto *buttons = new QHBoxLayout;
    auto *out = new QPushButton(tr("Check out"), this);
    auto *reserve = new QPushButton(tr("Reserve"), this);
    auto *in = new QPushButton(tr("Check in"), this);
    buttons->addWidget(out);
    buttons->addWidget(reserve);
    buttons->addWidget(in);
    checkout->addRow(buttons);
    auto *archiveRow = new QHBoxLayout;
    archiveRow->addWidget(m_archiveReason, 1);
    archiveRow->addWidget(m_archive);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(form);
    layout->addLayout(m_fields);
    layout->addWidget(save);
    layout->addWidget(m_openSequence);
    layout->addWidget(m_checkoutBox);
    layout->addLayout(archiveRow);
    layout->addWidget(m_message);
    layout->addStretch(1);

    connect(save, &QPushButton::clicked, this, &StorageInspector::save);
    connect(out, &QPushButton::clicked, this, [this] {
        m_actions->checkOut({m_id}, m_assignee->currentData().toString(), m_comment->text());
    });
    connect(reserve, &QPushButton::clicked, this, [this] {
        m_actions->reserve({m_id}, m_assignee->currentData().toString(), m_comment->text());
    });
    connect(in, &QPushButton::clicked, this,
            [this] { m_actions->checkIn({m_id}, m_comment->text()); });
    connect(m_archive, &QPushButton::clicked, this,
            [this] { m_actions->archive(m_id, m_archiveReason->currentText()); });
    connect(m_openSequence, &QPushButton::clicked, this,
            [this] { Q_EMIT openSequenceRequested(sequenceId()); });
    connect(m_actions, &models::InventoryActions::done, this,
            [this](bool, const QString &message) { m_message->setText(message); });
    connect(m_actions, &models::InventoryActions::usersLoaded, this,
            [this](const QList<std::pair<QString, QString>> &users) {
                m_assignee->clear();
                for (const auto &[id, name] : users)
                    m_assignee->addItem(name, id);
            });
    connect(m_store, &models::ResourceStore::changed, this, [this](const QString &id) {
        if (id == m_id || (!m_parentShown.isEmpty() && id == m_parentShown))
            refresh();
    });
    m_actions->loadUsers();
    showItem({});
}

QString StorageInspector::locationText() const
{
    return m_location->text();
}

QString StorageInspector::messageText() const
{
    return m_message->text();
}

void StorageInspector::showItem(const QString &id)
{
    m_id = id;
    m_message->clear();
    rebuildFields(m_store->value(id));
    refresh();
}

QString StorageInspector::sequenceId() const
{
    for (const QJsonValue &content : m_store->value(m_id)[u"contents"_s].toArray()) {
        const QString entity = content[u"entity"_s][u"id"_s].toString();
        if (entity.startsWith(u"seq_"_s))
            return entity;
    }
    return {};
}

void StorageInspector::rebuildFields(const QJsonObject &resource)
{
    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    m_fieldEdits.clear();
    const QJsonObject fields = resource.value(u"fields"_s).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        auto *edit = new QLineEdit(it.value()[u"value"_s].toVariant().toString(), this);
        m_fields->addRow(it.key(), edit);
        m_fieldEdits.append({it.key(), edit});
    }
}

void StorageInspector::refresh()
{
    const QJsonObject item = m_store->value(m_id);
    const bool tube = m_id.startsWith(u"con_"_s);
    setEnabled(!m_id.isEmpty());
    if (m_id.isEmpty()) {
        m_title->setText(tr("Select a tube, box or plate"));
        m_name->clear();
        m_barcode->clear();
        m_location->clear();
        m_parentShown.clear();
        m_contents->clear();
        m_quantity->clear();
        m_status->clear();
        m_openSequence->hide();
        m_checkoutBox->hide();
        return;
    }
    const QString kind = tube ? tr("Tube") : m_id.startsWith(u"plt_"_s) ? tr("Plate") : tr("Box");
    const QString schema = item[u"schema"_s][u"name"_s].toString();
    m_title->setText(tr("%1 · %2").arg(kind, schema.isEmpty() ? m_id : schema));
    if (!m_name->hasFocus()) {
        m_name->setText(item[u"name"_s].toString());
        m_name->setCursorPosition(0); // a long name shows its start, not its end
    }
    m_barcode->setText(item[u"barcode"_s].toString());
    m_parentShown = item[u"parentStorageId"_s].toString();
    const QString parentName = m_store->value(m_parentShown)[u"name"_s].toString();
    const QString where = parentName.isEmpty() ? m_parentShown : parentName;
    const QString position = item[u"gridPosition"_s].toString();
    m_location->setText(position.isEmpty() ? where : tr("%1, %2").arg(where, position));
    QStringList contents;
    for (const QJsonValue &content : item[u"contents"_s].toArray()) {
        const QJsonObject concentration = content[u"concentration"_s].toObject();
        QString line = content[u"entity"_s][u"name"_s].toString();
        if (concentration[u"value"_s].isDouble())
            line += u" — "_s + QString::number(concentration[u"value"_s].toDouble()) + u' ' +
                    concentration[u"units"_s].toString();
        contents.append(line);
    }
    m_contents->setText(
        tube ? (contents.isEmpty() ? tr("(empty)") : contents.join(u'\n'))
             : tr("%1 of %2 positions filled")
                   .arg(item[u"occupiedCapacity"_s].toInt(item[u"wells"_s].toObject().size()))
                   .arg(item[u"totalCapacity"_s].toInt()));
    const QJsonObject quantity = item[u"quantity"_s].toObject();
    m_quantity->setText(quantity[u"value"_s].isDouble()
                            ? QString(QString::number(quantity[u"value"_s].toDouble()) + u' ' +
                                      quantity[u"units"_s].toString())
                            : QString());
    QString status = item[u"checkoutRecord"_s][u"status"_s].toString();
    const QString assignee = item[u"checkoutRecord"_s][u"assignee"_s][u"name"_s].toString();
    if (!assignee.isEmpty())
        status += u" — "_s + assignee;
    if (item[u"archiveRecord"_s].isObject())
        status = tr("Archived (%1)").arg(item[u"archiveRecord"_s][u"reason"_s].toString());
    if (m_store->isPending(m_id))
        status += tr(" · saving…");
    m_status->setText(status);
    m_checkoutBox->setVisible(tube);
    m_openSequence->setVisible(tube && !sequenceId().isEmpty());
}

void StorageInspector::save()
{
    const QJsonObject item = m_store->value(m_id);
    QJsonObject changed;
    for (const auto &[name, edit] : std::as_const(m_fieldEdits)) {
        if (edit->text() != item[u"fields"_s][name][u"value"_s].toVariant().toString())
            changed.insert(name, edit->text());
    }
    const QString name = m_name->text() != item[u"name"_s].toString() ? m_name->text() : QString();
    if (name.isEmpty() && changed.isEmpty()) {
        m_message->setText(tr("Nothing changed."));
        return;
    }
    m_actions->edit(m_id, name, changed);
}

} // namespace benchtop::widgets

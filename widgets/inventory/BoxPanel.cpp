#include "BoxPanel.h"

#include "BoxCellDelegate.h"
#include "BoxGridView.h"
#include "models/BoxContentsModel.h"
#include "models/store/ResourceStore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QLabel>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace benchtop::widgets {

BoxPanel::BoxPanel(models::ApiClient *client, models::ResourceStore *store,
                   models::InventoryMover *mover, const QString &storageId, const QString &path,
                   QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_model(new models::BoxContentsModel(client, store, storageId, this))
    , m_grid(new BoxGridView(this))
    , m_title(new QLabel(this))
    , m_path(new QLabel(path, this))
    , m_colourBy(new QComboBox(this))
    , m_message(new QLabel(this))
{
    setObjectName(u"boxPanel"_s);
    m_model->setMover(mover);
    m_grid->setBoxModel(m_model);
    m_title->setStyleSheet(u"font-weight: 600;"_s);
    m_path->setStyleSheet(u"color: palette(mid);"_s);
    m_path->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->hide();
    m_colourBy->setObjectName(u"colourBy"_s);
    m_colourBy->addItem(tr("Colour by contents"));
    m_colourBy->addItem(tr("Colour by schema"));
    // "Colour by field: …" entries follow, one per field of the tubes shown (refreshFieldChoices).
    m_colourBy->setToolTip(tr("What a tube's colour shows"));

    auto *zoomOut = new QToolButton(this);
    zoomOut->setText(u"−"_s);
    zoomOut->setToolTip(tr("Zoom out (Ctrl+−)"));
    auto *zoomIn = new QToolButton(this);
    zoomIn->setText(u"+"_s);
    zoomIn->setToolTip(tr("Zoom in (Ctrl++)"));
    auto *close = new QToolButton(this);
    close->setText(u"×"_s);
    close->setToolTip(tr("Close this box"));

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_colourBy);
    header->addWidget(zoomOut);
    header->addWidget(zoomIn);
    header->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(header);
    layout->addWidget(m_path);
    layout->addWidget(m_grid, 1);
    layout->addWidget(m_message);

    connect(zoomIn, &QToolButton::clicked, m_grid, &BoxGridView::zoomIn);
    connect(zoomOut, &QToolButton::clicked, m_grid, &BoxGridView::zoomOut);
    connect(close, &QToolButton::clicked, this, [this] { Q_EMIT closeRequested(this); });
    connect(m_colourBy, &QComboBox::currentIndexChanged, this, &BoxPanel::applyColourBy);
    connect(m_grid, &BoxGridView::refused, this,
            [this](const QString &why) { showMessage(why, true); });
    connect(m_grid->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const QString id = current.data(models::IdRole).toString();
                Q_EMIT itemSelected(id.isEmpty() ? this->storageId() : id);
            });
    connect(m_model, &models::BoxContentsModel::failed, this,
            [this](const QString &message) { showMessage(message, true); });
    // A tube to select waits for the cell that holds it: the grid's shape, then its contents.
    connect(m_model, &models::BoxContentsModel::ready, this, &BoxPanel::applyPendingSelection);
    connect(m_model, &QAbstractItemModel::modelReset, this, &BoxPanel::applyPendingSelection);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &BoxPanel::applyPendingSelection);
    connect(m_grid, &QAbstractItemView::pressed, this, [this] { m_pendingSelection.clear(); });
    connect(m_store, &models::ResourceStore::changed, this, [this](const QString &id) {
        if (id == this->storageId())
            refreshHeader();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &BoxPanel::refreshHeader);
    connect(m_model, &QAbstractItemModel::modelReset, this, &BoxPanel::refreshHeader);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &BoxPanel::refreshFieldChoices);
    connect(m_model, &QAbstractItemModel::modelReset, this, &BoxPanel::refreshFieldChoices);
    m_model->open();
    refreshHeader();
    refreshFieldChoices();
}

QString BoxPanel::storageId() const
{
    return m_model->boxId();
}

QString BoxPanel::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void BoxPanel::showMessage(const QString &message, bool error)
{
    m_message->setText(message);
    m_message->setStyleSheet(error ? u"color: #8a1c14;"_s : u"color: #1e5e22;"_s);
    m_message->setVisible(!message.isEmpty());
}

bool BoxPanel::colourByField(const QString &field)
{
    const int index = m_fields.contains(field) ? m_colourBy->findData(field) : -1;
    if (index < 0)
        return false;
    m_colourBy->setCurrentIndex(index);
    return true;
}

void BoxPanel::selectItem(const QString &id)
{
    m_pendingSelection = id;
    applyPendingSelection();
}

void BoxPanel::applyPendingSelection()
{
    if (m_pendingSelection.isEmpty())
        return;
    const QModelIndex cell = m_model->indexOf(m_model->positionOf(m_pendingSelection));
    if (!cell.isValid())
        return;
    const QString id = std::exchange(m_pendingSelection, {});
    const bool wasCurrent = m_grid->currentIndex() == cell;
    m_grid->selectionModel()->setCurrentIndex(cell, QItemSelectionModel::ClearAndSelect);
    m_grid->scrollTo(cell, QAbstractItemView::EnsureVisible);
    if (wasCurrent) // no currentChanged: tell the inspector anyway
        Q_EMIT itemSelected(id);
}

void BoxPanel::applyColourBy()
{
    const int index = m_colourBy->currentIndex();
    const QString field = m_colourBy->currentData().toString();
    BoxCellDelegate *delegate = m_grid->cellDelegate();
    if (!field.isEmpty())
        delegate->setColourBy(BoxCellDelegate::ColourBy::Field, field);
    else
        delegate->setColourBy(index == 1 ? BoxCellDelegate::ColourBy::Schema
                                         : BoxCellDelegate::ColourBy::Entity);
    m_grid->viewport()->update();
}

void BoxPanel::refreshFieldChoices()
{
    QStringList fields;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        for (int column = 0; column < m_model->columnCount(); ++column) {
            const QJsonObject tube =
                m_model->index(row, column).data(models::ResourceRole).toJsonObject();
            const QStringList keys = tube.value(u"fields"_s).toObject().keys();
            for (const QString &key : keys)
                if (!fields.contains(key))
                    fields.append(key);
        }
    }
    fields.sort(Qt::CaseInsensitive);
    if (fields == m_fields)
        return;
    // Keep the choice across a refresh while its field is still offered.
    const QString chosen = m_colourBy->currentData().toString();
    const int chosenIndex = m_colourBy->currentIndex();
    {
        const QSignalBlocker blocker(m_colourBy);
        while (m_colourBy->count() > 2)
            m_colourBy->removeItem(m_colourBy->count() - 1);
        for (const QString &field : std::as_const(fields))
            m_colourBy->addItem(tr("Colour by field: %1").arg(field), field);
        const int restored = chosen.isEmpty() ? chosenIndex : m_colourBy->findData(chosen);
        m_colourBy->setCurrentIndex(std::max(0, restored));
    }
    m_fields = fields;
    applyColourBy();
}

void BoxPanel::refreshHeader()
{
    const QJsonObject storage = m_store->value(storageId());
    int filled = 0;
    for (int row = 0; row < m_model->rowCount(); ++row)
        for (int column = 0; column < m_model->columnCount(); ++column)
            filled += !m_model->index(row, column).data(models::IdRole).toString().isEmpty();
    const int total = m_model->rowCount() * m_model->columnCount();
    QString kind = m_model->isWellPlate() ? tr("well plate")
                   : m_model->isPlate()   ? tr("matrix plate")
                                          : tr("box");
    m_title->setText(tr("%1  ·  %2  ·  %3 / %4 filled")
                         .arg(storage[u"name"_s].toString(storageId()), kind)
                         .arg(filled)
                         .arg(total));
}

} // namespace benchtop::widgets

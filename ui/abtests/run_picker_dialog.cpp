// SPDX-License-Identifier: MIT
#include "ui/abtests/run_picker_dialog.h"

#include "core/store/run_store.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bidlab::ui {

RunPickerDialog::RunPickerDialog(const QString& storePath, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Analyse a simulator run"));
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("runList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels(
        { tr("Run"), tr("Name"), tr("Started (UTC)"), tr("State"), tr("Strategy"), tr("Requests") });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Analyse"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &QDialog::accept);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(720, 360);

    Expected<QList<store::RunInfo>> runs = QFileInfo::exists(storePath)
        ? store::RunStore(storePath).list()
        : Expected<QList<store::RunInfo>>(Error { tr("There is no run history yet (%1).").arg(storePath) });
    if (!runs || runs->isEmpty()) {
        m_message->setText(
            (runs ? tr("The run history has no runs yet.") : runs.error())
            + tr(" Start a simulation with two or more A/B arms (Simulation tab, or 'bidlab-cli simulate --arm …')."));
        buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        return;
    }
    m_message->setText(tr("Runs of %1, newest first. A run must have been split into two or more A/B arms.")
                           .arg(QFileInfo(storePath).fileName()));
    for (const store::RunInfo& run : std::as_const(*runs)) {
        auto* item = new QTreeWidgetItem(
            m_list,
            { QString::number(run.id), run.name,
              QDateTime::fromMSecsSinceEpoch(run.startedAtMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
              run.endState, run.strategy, QString::number(run.generated) });
        item->setData(0, Qt::UserRole, run.id);
    }
    for (int c = 0; c < m_list->columnCount(); ++c)
        m_list->resizeColumnToContents(c);
    m_list->setCurrentItem(m_list->topLevelItem(0));
}

qint64 RunPickerDialog::selectedRun() const
{
    const QTreeWidgetItem* item = m_list->currentItem();
    return item ? item->data(0, Qt::UserRole).toLongLong() : 0;
}

} // namespace bidlab::ui

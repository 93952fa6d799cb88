package dev.toolgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.support.NewTicket;
import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.support.TicketPriority;
import dev.toolgate.ports.testing.AbstractSupportDeskContractTest;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSupportDeskIntegrationTest extends AbstractSupportDeskContractTest {
  @TempDir Path directory;
  private StoresOnFile file;

  @Override
  protected SupportDesk newDesk(Clock clock) {
    file = new StoresOnFile(directory, clock);
    return file.open().supportDesk();
  }

  @Override
  protected SupportDesk reopen(SupportDesk desk) {
    return file.reopen().supportDesk();
  }

  @AfterEach
  void closeFile() {
    file.close();
  }

  @Test
  void numbersTicketsAndMessagesInSequenceAcrossRestarts() {
    NewTicket ticket = new NewTicket("cus_001", "Invoice", "Wrong VAT", TicketPriority.NORMAL);
    try (StoresOnFile numbered = new StoresOnFile(directory.resolve("numbered"), Clock.systemUTC())) {
      SupportDesk desk = numbered.open().supportDesk();
      assertThat(desk.createTicket(ticket, null).id()).isEqualTo("tkt_000001");
      assertThat(desk.sendMessage("#support", "first", null).id()).isEqualTo("msg_000001");

      desk = numbered.reopen().supportDesk();
      assertThat(desk.createTicket(ticket, null).id()).isEqualTo("tkt_000002");
      assertThat(desk.sendMessage("#support", "second", null).id()).isEqualTo("msg_000002");
    }
  }
}

package dev.apogee.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.jms.ApogeeConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

/**
 * The provider as a legacy Spring JMS application uses it: the factory defined as a bean by its properties,
 * a {@link CachingConnectionFactory} (consumer caching off, see the README) under a {@link JmsTemplate}, and
 * {@link DefaultMessageListenerContainer}s on a queue (transacted and not) and on a durable subscription.
 */
@Timeout(120)
class SpringJmsIT {

    private GenericApplicationContext spring;
    private ApogeeConnectionFactory factory;
    private CachingConnectionFactory caching;
    private final List<DefaultMessageListenerContainer> containers = new ArrayList<>();

    @BeforeEach
    void beans() throws Exception {
        spring = new GenericApplicationContext();
        spring.registerBeanDefinition("connectionFactory", BeanDefinitionBuilder
                .genericBeanDefinition(ApogeeConnectionFactory.class)
                .addPropertyValue("url", "apogee://" + JmsCluster.cluster().namesrvAddress())
                .addPropertyValue("pollTimeoutMillis", "200")
                .addPropertyValue("invisibleTimeMillis", "3000")
                .addPropertyValue("releaseDelayMillis", "200")
                .getBeanDefinition());
        spring.refresh();
        factory = spring.getBean(ApogeeConnectionFactory.class);
        caching = new CachingConnectionFactory(factory);
        caching.setCacheConsumers(false);
        caching.setSessionCacheSize(4);
    }

    @AfterEach
    void close() {
        containers.forEach(DefaultMessageListenerContainer::shutdown);
        caching.destroy();
        spring.close();
    }

    private JmsTemplate template(boolean pubSub) {
        JmsTemplate template = new JmsTemplate(caching);
        template.setPubSubDomain(pubSub);
        template.setReceiveTimeout(10_000);
        return template;
    }

    @Test
    void theFactoryIsABeanConfiguredByItsProperties() {
        assertEquals(200, factory.getPollTimeoutMillis());
        assertEquals(3000, factory.getInvisibleTimeMillis());
        assertTrue(factory.getUrl().startsWith("apogee://127.0.0.1:"));
    }

    @Test
    void jmsTemplateSendsReceivesAndConvertsWithASelector() throws Exception {
        String queue = JmsCluster.unique("spring-q");
        JmsTemplate template = template(false);
        for (String region : List.of("us", "eu", "us", "eu")) {
            template.convertAndSend(queue, "order-" + region, message -> {
                message.setStringProperty("region", region);
                return message;
            });
        }
        assertEquals("order-eu", template.receiveSelectedAndConvert(queue, "region = 'eu'"));
        assertEquals("order-eu", template.receiveSelectedAndConvert(queue, "region = 'eu'"));
        template.setReceiveTimeout(300);
        assertNull(template.receiveSelectedAndConvert(queue, "region = 'eu'"), "no third eu order");
        template.setReceiveTimeout(10_000);
        template.send(queue, session -> session.createTextMessage("created"));
        Set<String> rest = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            rest.add(((TextMessage) template.receive(queue)).getText());
        }
        assertEquals(Set.of("order-us", "created"), rest);
        assertEquals(Set.of(), leftOver(template, queue));
    }

    private static Set<String> leftOver(JmsTemplate template, String queue) {
        template.setReceiveTimeout(300);
        Set<String> left = new HashSet<>();
        Object body;
        while ((body = template.receiveAndConvert(queue)) != null) {
            left.add(String.valueOf(body));
        }
        return left;
    }

    private DefaultMessageListenerContainer container(ConnectionFactory connections, String destination,
                                                      boolean transacted, MessageListener listener) {
        DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.setDestinationName(destination);
        container.setSessionTransacted(transacted);
        container.setReceiveTimeout(500);
        container.setMessageListener(listener);
        containers.add(container);
        return container;
    }

    @Test
    void aTransactedListenerContainerGetsARolledBackMessageAgain() throws Exception {
        queueContainerConsumesEveryMessageOnce(true);
    }

    /**
     * Not transacted, so CLIENT_ACKNOWLEDGE: Spring acknowledges after the listener and calls recover() when
     * it throws. (With AUTO_ACKNOWLEDGE a DefaultMessageListenerContainer's receive() acknowledges before the
     * listener runs, and a message the listener threw on is gone: Spring documents it so.)
     */
    @Test
    void aNonTransactedListenerContainerGetsAMessageItsListenerThrewOnAgain() throws Exception {
        queueContainerConsumesEveryMessageOnce(false);
    }

    private void queueContainerConsumesEveryMessageOnce(boolean transacted) throws Exception {
        String queue = JmsCluster.unique("spring-dmlc");
        int count = 20;
        Set<String> processed = ConcurrentHashMap.newKeySet();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean failedOnce = new AtomicBoolean();
        CountDownLatch all = new CountDownLatch(count);
        DefaultMessageListenerContainer container = container(factory, queue, transacted, message -> {
            try {
                String text = ((TextMessage) message).getText();
                if (text.equals("m7") && failedOnce.compareAndSet(false, true)) {
                    throw new IllegalStateException("the first attempt at m7 fails");
                }
                if (!processed.add(text)) {
                    duplicates.add(text);
                }
                all.countDown();
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        if (!transacted) {
            container.setSessionAcknowledgeMode(jakarta.jms.Session.CLIENT_ACKNOWLEDGE);
        }
        container.setConcurrentConsumers(2);
        container.afterPropertiesSet();
        container.start();
        JmsTemplate template = template(false);
        for (int i = 0; i < count; i++) {
            template.convertAndSend(queue, "m" + i);
        }
        assertTrue(all.await(60, TimeUnit.SECONDS), "processed " + processed.size());
        assertTrue(failedOnce.get());
        assertEquals(List.of(), duplicates);
        container.shutdown();
        assertEquals(Set.of(), leftOver(template, queue), "everything was settled");
    }

    @Test
    void aDurableSubscriptionContainerGetsWhatWasPublishedWhileItWasDown() throws Exception {
        String topic = JmsCluster.unique("spring-t");
        String clientId = JmsCluster.unique("spring-client");
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        JmsTemplate publisher = template(true);

        DefaultMessageListenerContainer first = durableContainer(topic, clientId, received);
        first.start();
        // The container subscribes on its own thread; publish probes until one arrives: subscribed.
        long deadline = System.currentTimeMillis() + 30_000;
        while (!received.contains("probe") && System.currentTimeMillis() < deadline) {
            publisher.convertAndSend(topic, "probe");
            waitFor(() -> received.contains("probe"), 300);
        }
        assertTrue(received.contains("probe"), "the subscription exists");
        publisher.convertAndSend(topic, "while up");
        assertTrue(waitFor(() -> received.contains("while up"), 20_000));
        first.shutdown();

        publisher.convertAndSend(topic, "while down 1");
        publisher.convertAndSend(topic, "while down 2");
        DefaultMessageListenerContainer second = durableContainer(topic, clientId, received);
        second.start();
        assertTrue(waitFor(() -> received.contains("while down 2"), 30_000), "received " + received);
        List<String> real = new ArrayList<>(received);
        real.removeIf("probe"::equals);
        assertEquals(List.of("while up", "while down 1", "while down 2"), real, "in order, once each");
        second.shutdown();
        try (jakarta.jms.Connection connection = factory.createConnection()) {
            connection.setClientID(clientId);
            connection.createSession().unsubscribe("orders-audit");
        }
    }

    private DefaultMessageListenerContainer durableContainer(String topic, String clientId, List<String> received) {
        DefaultMessageListenerContainer container = container(factory, topic, false, message -> {
            try {
                received.add(((TextMessage) message).getText());
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        container.setPubSubDomain(true);
        container.setSubscriptionDurable(true);
        container.setSubscriptionName("orders-audit");
        container.setClientId(clientId);
        container.afterPropertiesSet();
        return container;
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition, long millis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}

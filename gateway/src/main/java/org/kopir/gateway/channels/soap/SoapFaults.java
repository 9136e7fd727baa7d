package org.kopir.gateway.channels.soap;

import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.camel.Body;
import org.apache.camel.Headers;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * Turns a refusal into the SOAP fault of {@code exchange.wsdl} (SPEC §10): faultcode Client or
 * Server, faultstring the detail, and a {@code KopirFault} detail element with the code and the
 * JSON pointers.
 */
@Component("soapFaults")
public class SoapFaults {

  /** Route step: the recorded refusal becomes the fault CXF answers with. */
  public SoapFault answer(@Body KopirException refusal, @Headers Map<String, Object> headers) {
    headers.clear();
    return fault(refusal);
  }

  /** The SOAP fault for {@code refusal}. */
  public static SoapFault fault(KopirException refusal) {
    QName faultCode =
        refusal.code().httpStatus() >= 500 ? Fault.FAULT_CODE_SERVER : Fault.FAULT_CODE_CLIENT;
    SoapFault fault = new SoapFault(refusal.getMessage(), faultCode);
    Element detail = fault.getOrCreateDetail();
    Element kopirFault = detail.getOwnerDocument().createElementNS(ExchangeXml.NS, "k:KopirFault");
    detail.appendChild(kopirFault);
    ExchangeXml.child(kopirFault, "code", refusal.code().name());
    if (refusal.getMessage() != null) {
      ExchangeXml.child(kopirFault, "detail", refusal.getMessage());
    }
    if (!refusal.errors().isEmpty()) {
      Element errors = ExchangeXml.child(kopirFault, "errors", null);
      for (FieldError error : refusal.errors()) {
        Element item = ExchangeXml.child(errors, "error", null);
        ExchangeXml.child(item, "pointer", error.pointer());
        ExchangeXml.child(item, "message", error.message());
      }
    }
    return fault;
  }
}
